// A record's fields in one list: the table's columns in this order, the outbox payload's keys,
// and the write that inserts the record or saves any change of it all come from it, so adding a
// field is one line (plus its migration) and the four never drift apart.
//
//     static const RecordField<Ticket> kTicketFields[] = {{"uuid", Kept::Text, get, set}, ...};
//     std::string sql = select_columns(kTicketFields) ...;
//     Ticket t = record_from_row(kTicketFields, stmt);
#pragma once

#include "store/store.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reception {

// How a column keeps a value. Values pass as text: a flag as "1" or "0", a number in decimal.
enum class Kept {
    Text,         // TEXT; a JSON string
    Flag,         // INTEGER 0 or 1; a JSON boolean
    Number,       // INTEGER; a JSON number
    TextOrNull,   // TEXT, NULL when empty (a unique number there may be none of); a JSON string
    Json,         // TEXT holding JSON (a list, say); the JSON value itself in the payload
    Nullable,     // TEXT, NULL when empty (a date not yet come); JSON null when empty
    NumberOrNull, // INTEGER, NULL kept as -1 (a column added later); a JSON number
};

template <class T> struct RecordField {
    const char* name;
    Kept kept;
    std::string (*get)(const T&);
    void (*set)(T&, const std::string&);
};

// The common kinds of field, by the record's type, the column and the member that holds it:
//     RECORD_TEXT(Application, surname, applicant.surname)
// clang-format off
#define RECORD_TEXT(T, col, member)                                                        \
    {#col, ::reception::Kept::Text,                                                        \
     [](const T& r) -> std::string { return r.member; },                                   \
     [](T& r, const std::string& v) { r.member = v; }}
#define RECORD_FLAG(T, col, member)                                                        \
    {#col, ::reception::Kept::Flag,                                                        \
     [](const T& r) -> std::string { return r.member ? "1" : "0"; },                       \
     [](T& r, const std::string& v) { r.member = v == "1"; }}
// An int that is -1 while unknown, NULL in the column then (a column added later).
#define RECORD_NUMBER_OR_NULL(T, col, member)                                              \
    {#col, ::reception::Kept::NumberOrNull,                                                \
     [](const T& r) { return std::to_string(r.member); },                                  \
     [](T& r, const std::string& v) { r.member = std::stoi(v); }}
#define RECORD_DATE(T, col, member)                                                        \
    {#col, ::reception::Kept::Text,                                                        \
     [](const T& r) { return format_date(r.member); },                                     \
     [](T& r, const std::string& v) { r.member = parse_date(v).value_or(Date{}); }}
// A std::optional<Date>: NULL in the column, null in the payload, while there is none.
#define RECORD_OPT_DATE(T, col, member)                                                    \
    {#col, ::reception::Kept::Nullable,                                                    \
     [](const T& r) { return r.member ? format_date(*r.member) : std::string(); },         \
     [](T& r, const std::string& v) {                                                      \
         r.member = v.empty() ? std::nullopt : parse_date(v); }}
// An enum kept by its code (to_code / from_code).
#define RECORD_CODE(T, col, member)                                                        \
    {#col, ::reception::Kept::Text,                                                        \
     [](const T& r) { return std::string(to_code(r.member)); },                            \
     [](T& r, const std::string& v) { from_code(v, &r.member); }}
#define RECORD_INSTANT(T, col, member)                                                     \
    {#col, ::reception::Kept::Text,                                                        \
     [](const T& r) { return format_instant(r.member); },                                  \
     [](T& r, const std::string& v) { r.member = parse_instant(v).value_or(Instant{}); }}
// clang-format on

// "uuid, room, ...": the columns, in the list's order.
template <class T, size_t N> std::string select_columns(const RecordField<T> (&fields)[N]) {
    std::string cols;
    for (const auto& f : fields) cols += (cols.empty() ? "" : ", ") + std::string(f.name);
    return cols;
}

// The record from a row whose first N columns are select_columns(fields).
template <class T, size_t N> T record_from_row(const RecordField<T> (&fields)[N], const Stmt& st) {
    T r{};
    for (size_t i = 0; i < N; ++i) {
        const auto& f = fields[i];
        bool integer = f.kept == Kept::Flag || f.kept == Kept::Number;
        if (f.kept == Kept::NumberOrNull)
            f.set(r, st.is_null(int(i)) ? "-1" : std::to_string(st.integer(int(i))));
        else
            f.set(r, integer ? std::to_string(st.integer(int(i))) : st.text(int(i)));
    }
    return r;
}

template <class T, size_t N>
nlohmann::json record_json(const RecordField<T> (&fields)[N], const T& r) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& f : fields) {
        std::string v = f.get(r);
        if (f.kept == Kept::Flag)
            j[f.name] = v == "1";
        else if (f.kept == Kept::Number || f.kept == Kept::NumberOrNull)
            j[f.name] = std::stoll(v);
        else if (f.kept == Kept::Nullable && v.empty())
            j[f.name] = nullptr;
        else if (f.kept == Kept::Json)
            j[f.name] = nlohmann::json::parse(v, nullptr, false);
        else
            j[f.name] = v;
    }
    return j;
}

// The record from a payload record_json made. A key that is missing, or holds a value of
// another kind than record_json writes, leaves the field as T{} has it.
template <class T, size_t N>
T record_from_json(const RecordField<T> (&fields)[N], const nlohmann::json& j) {
    T r{};
    if (!j.is_object()) return r;
    for (const auto& f : fields) {
        auto it = j.find(f.name);
        if (it == j.end()) continue;
        const nlohmann::json& v = *it;
        if (f.kept == Kept::Flag && v.is_boolean())
            f.set(r, v.get<bool>() ? "1" : "0");
        else if ((f.kept == Kept::Number || f.kept == Kept::NumberOrNull) &&
                 v.is_number_integer() && v.get<long long>() >= -1 &&
                 v.get<long long>() <= 2147483647)
            f.set(r, std::to_string(v.get<long long>()));
        else if (f.kept == Kept::Json)
            f.set(r, v.dump());
        else if (v.is_string() && f.kept != Kept::Flag && f.kept != Kept::Number &&
                 f.kept != Kept::NumberOrNull)
            f.set(r, v.get<std::string>());
    }
    return r;
}

// INSERT INTO table(fields..., extra) VALUES (?1, ...): a record written once (a hearing, a
// protocol). `extra` names columns derived from the record, bound after the fields.
template <class T, size_t N>
std::string insert_sql(const char* table, const RecordField<T> (&fields)[N],
                       const std::vector<std::string>& extra = {}) {
    std::string cols = select_columns(fields), params;
    for (const auto& e : extra) cols += ", " + e;
    for (size_t i = 0; i < N + extra.size(); ++i)
        params += (i ? ", ?" : "?") + std::to_string(i + 1);
    return std::string("INSERT INTO ") + table + "(" + cols + ") VALUES (" + params + ")";
}

// The same, and ON CONFLICT(uuid) DO UPDATE SET every column but the first (the uuid).
template <class T, size_t N>
std::string upsert_sql(const char* table, const RecordField<T> (&fields)[N],
                       const std::vector<std::string>& extra = {}) {
    std::string sets;
    for (size_t i = 1; i < N + extra.size(); ++i) {
        std::string name = i < N ? fields[i].name : extra[i - N];
        sets += (sets.empty() ? "" : ", ") + name + " = excluded." + name;
    }
    return insert_sql(table, fields, extra) + " ON CONFLICT(uuid) DO UPDATE SET " + sets;
}

// Binds the record's fields to ?1..?N.
template <class T, size_t N>
void bind_record(const RecordField<T> (&fields)[N], const T& r, Stmt& st) {
    for (size_t i = 0; i < N; ++i) {
        const auto& f = fields[i];
        std::string v = f.get(r);
        int at = int(i + 1);
        if (f.kept == Kept::Flag || f.kept == Kept::Number)
            st.bind(at, std::stoll(v));
        else if (f.kept == Kept::NumberOrNull && v == "-1")
            st.bind_null(at);
        else if (f.kept == Kept::NumberOrNull)
            st.bind(at, std::stoll(v));
        else if (f.kept == Kept::TextOrNull || f.kept == Kept::Nullable)
            st.bind_opt(at, v);
        else
            st.bind(at, v);
    }
}

// The records of `table` that `where` ("WHERE uuid = ?1 ORDER BY ...") picks, with arg as ?1
// when it is not empty.
template <class T, size_t N>
std::vector<T> read_records(Store& store, const RecordField<T> (&fields)[N], const char* table,
                            const std::string& where, const std::string& arg = "") {
    std::string sql = "SELECT " + select_columns(fields) + " FROM " + table + " " + where;
    Stmt st = store.prepare(sql.c_str());
    if (!arg.empty()) st.bind(1, arg);
    std::vector<T> out;
    while (st.step()) out.push_back(record_from_row(fields, st));
    return out;
}

// Binds the `extra` columns of insert_sql / upsert_sql, after the fields: ?N+1, ?N+2...
template <class T, size_t N>
void bind_extra(const RecordField<T> (&)[N], Stmt& st, std::initializer_list<std::string> values) {
    int at = int(N) + 1;
    for (const auto& v : values) st.bind(at++, v);
}

} // namespace reception
