#include "staff/staff.hpp"
#include "base/log.hpp"

#include "base/code_table.hpp"
#include "base/errors.hpp"
#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "staff/password.hpp"
#include "store/outbox.hpp"
#include "store/record_fields.hpp"

#include <nlohmann/json.hpp>

namespace reception {
using nlohmann::json;

// Codes
static constexpr CodeTable<StaffRole, 4> kStaffRoles{{{StaffRole::Operator, "operator"},
                                                      {StaffRole::DeskClerk, "desk_clerk"},
                                                      {StaffRole::Responsible, "responsible"},
                                                      {StaffRole::Admin, "admin"}}};

const char* to_code(StaffRole v) {
    return code_of(kStaffRoles, v);
}

bool from_code(std::string_view code, StaffRole* out) {
    return value_of(kStaffRoles, code, out);
}

// Rows <-> structs
static const RecordField<StaffAccount> kStaffFields[] = {
    RECORD_TEXT(StaffAccount, uuid, uuid),
    RECORD_TEXT(StaffAccount, login, login),
    RECORD_TEXT(StaffAccount, full_name, full_name),
    RECORD_TEXT(StaffAccount, position, position),
    RECORD_CODE(StaffAccount, role, role),
    RECORD_FLAG(StaffAccount, active, active),
    RECORD_INSTANT(StaffAccount, updated_at, updated_at),
};
static constexpr int kHashColumn = sizeof kStaffFields / sizeof kStaffFields[0];

// The hash is no field of the account (nothing that shows an account may show it) but it is
// written with it and, in the outbox, carried with it, so an account made at one terminal works
// at the others after sync; the history (which people read) never shows it.
static void save_staff(Store& store, const StaffAccount& a, const std::string& hash,
                       const char* kind) {
    static const std::string sql = upsert_sql("staff", kStaffFields, {"password_hash"});
    Stmt st = store.prepare(sql.c_str());
    bind_record(kStaffFields, a, st);
    st.bind(kHashColumn + 1, hash);
    st.run();
    json payload = record_json(kStaffFields, a);
    payload["password_hash"] = hash;
    append_outbox(store, "staff", a.uuid, std::string("staff.") + kind, payload);
}

// Checks
static bool login_char_ok(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static void check_login(const std::string& login) {
    if (login.empty()) throw InputError("login", "empty");
    if (login.size() > 32) throw InputError("login", reason_code(Reason::TooLong));
    for (char c : login)
        if (!login_char_ok(c)) throw InputError("login", "bad_login");
}

static void check_password(const std::string& password) {
    if (utf8_length(password) < kMinPasswordChars)
        throw InputError("password", "password_too_short");
    if (password.size() > 128) throw InputError("password", reason_code(Reason::TooLong));
}

// Accounts
StaffAccount create_staff(Store& store, const NewStaff& s, const std::string& actor, Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    std::string login = trim(s.login);
    check_login(login);
    Reason r = check_name(s.full_name, true);
    // A full name is several words: check_name's 60 characters are per name, so allow 120.
    if (r == Reason::TooLong && utf8_length(trim(s.full_name)) <= 120) r = Reason::Ok;
    if (r != Reason::Ok) throw InputError("full_name", reason_code(r));
    if (utf8_length(s.position) > 120) throw InputError("position", reason_code(Reason::TooLong));
    check_password(s.password);
    StaffAccount a;
    a.uuid = new_uuid();
    a.login = login;
    a.full_name = trim(s.full_name);
    a.position = trim(s.position);
    a.role = s.role;
    a.updated_at = now;
    std::string hash = hash_password(s.password); // slow: outside the write lock
    store.transaction([&] {
        if (find_staff(store, login)) throw InputError("login", "login_taken");
        save_staff(store, a, hash, "created");
        store.append_event("staff", a.uuid, "created", "", to_code(a.role), actor, "",
                           json{{"login", a.login}}, now);
    });
    return a;
}

void set_staff_password(Store& store, const std::string& login, const std::string& password,
                        const std::string& actor, Instant now) {
    if (actor.empty()) throw InputError("actor", "actor_required");
    check_password(password);
    std::string hash = hash_password(password);
    store.transaction([&] {
        auto a = find_staff(store, login);
        if (!a) throw InputError("login", "staff_not_found");
        a->updated_at = now;
        save_staff(store, *a, hash, "password_set");
        store.append_event("staff", a->uuid, "password_set", "", "", actor, "", json::object(),
                           now);
    });
}

std::optional<StaffAccount> find_staff(Store& store, const std::string& login) {
    static const std::string sql =
        "SELECT " + select_columns(kStaffFields) + " FROM staff WHERE login = ?1";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, trim(login));
    if (!st.step()) return std::nullopt;
    return record_from_row(kStaffFields, st);
}

std::vector<StaffAccount> list_staff(Store& store) {
    static const std::string sql =
        "SELECT " + select_columns(kStaffFields) + " FROM staff ORDER BY login";
    Stmt st = store.prepare(sql.c_str());
    std::vector<StaffAccount> out;
    while (st.step()) out.push_back(record_from_row(kStaffFields, st));
    return out;
}

bool has_staff(Store& store) {
    Stmt st = store.prepare("SELECT EXISTS (SELECT 1 FROM staff WHERE active = 1)");
    st.step();
    return st.integer(0) != 0;
}

// Signing in
StaffAccount sign_in(Store& store, const std::string& login, const std::string& password,
                     Instant now) {
    std::string hash;
    std::optional<StaffAccount> a;
    {
        static const std::string sql = "SELECT " + select_columns(kStaffFields) +
                                       ", password_hash FROM staff WHERE login = ?1";
        Stmt st = store.prepare(sql.c_str());
        st.bind(1, trim(login));
        if (st.step()) {
            a = record_from_row(kStaffFields, st);
            hash = st.text(kHashColumn);
        }
    }
    // An unknown login still pays for one hash, so timing does not tell which logins exist.
    static const std::string dummy = hash_password("not a password of anyone");
    bool ok = verify_password(a ? hash : dummy, password) && a && a->active;
    // The login is the staff member's account name, not a visitor's data: the administrator
    // needs it to see someone guessing passwords.
    if (!ok) {
        log_warning("sign-in refused for the login \"" + trim(login).substr(0, 40) + "\"");
        throw InputError("password", "sign_in_failed");
    }
    log_info("signed in: " + a->login);
    store.transaction([&] {
        store.append_event("staff", a->uuid, "signed_in", "", "", a->login, "", json::object(),
                           now);
    });
    return *a;
}

void record_sign_out(Store& store, const StaffAccount& who, Instant now) {
    store.transaction([&] {
        store.append_event("staff", who.uuid, "signed_out", "", "", who.login, "", json::object(),
                           now);
    });
}

} // namespace reception
