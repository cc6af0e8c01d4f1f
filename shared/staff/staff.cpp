#include "staff/staff.hpp"

#include "base/code_table.hpp"
#include "base/errors.hpp"
#include "base/uuid.hpp"
#include "base/validation.hpp"
#include "staff/password.hpp"
#include "store/outbox.hpp"

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
static const char* const kStaffColumns =
    "uuid, login, full_name, position, role, active, updated_at";

static StaffAccount staff_from_row(const Stmt& st) {
    StaffAccount a;
    a.uuid = st.text(0);
    a.login = st.text(1);
    a.full_name = st.text(2);
    a.position = st.text(3);
    from_code(st.text(4), &a.role);
    a.active = st.integer(5) != 0;
    a.updated_at = parse_instant(st.text(6)).value_or(Instant{});
    return a;
}

// The outbox carries the hash so an account made at one terminal works at the others after
// sync; the history (which people read) never shows it.
static json staff_json(const StaffAccount& a, const std::string& hash) {
    return json{{"uuid", a.uuid},           {"login", a.login},
                {"full_name", a.full_name}, {"position", a.position},
                {"role", to_code(a.role)},  {"active", a.active},
                {"password_hash", hash},    {"updated_at", format_instant(a.updated_at)}};
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
        store
            .prepare("INSERT INTO staff(uuid, login, full_name, position, role, password_hash, "
                     "active, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)")
            .bind(1, a.uuid)
            .bind(2, a.login)
            .bind(3, a.full_name)
            .bind(4, a.position)
            .bind(5, to_code(a.role))
            .bind(6, hash)
            .bind(7, format_instant(now))
            .run();
        store.append_event("staff", a.uuid, "created", "", to_code(a.role), actor, "",
                           json{{"login", a.login}}, now);
        append_outbox(store, "staff", a.uuid, "staff.created", staff_json(a, hash));
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
        store.prepare("UPDATE staff SET password_hash = ?2, updated_at = ?3 WHERE uuid = ?1")
            .bind(1, a->uuid)
            .bind(2, hash)
            .bind(3, format_instant(now))
            .run();
        store.append_event("staff", a->uuid, "password_set", "", "", actor, "", json::object(),
                           now);
        append_outbox(store, "staff", a->uuid, "staff.password_set", staff_json(*a, hash));
    });
}

std::optional<StaffAccount> find_staff(Store& store, const std::string& login) {
    static const std::string sql =
        std::string("SELECT ") + kStaffColumns + " FROM staff WHERE login = ?1";
    Stmt st = store.prepare(sql.c_str());
    st.bind(1, trim(login));
    if (!st.step()) return std::nullopt;
    return staff_from_row(st);
}

std::vector<StaffAccount> list_staff(Store& store) {
    static const std::string sql =
        std::string("SELECT ") + kStaffColumns + " FROM staff ORDER BY login";
    Stmt st = store.prepare(sql.c_str());
    std::vector<StaffAccount> out;
    while (st.step()) out.push_back(staff_from_row(st));
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
        static const std::string sql =
            std::string("SELECT ") + kStaffColumns + ", password_hash FROM staff WHERE login = ?1";
        Stmt st = store.prepare(sql.c_str());
        st.bind(1, trim(login));
        if (st.step()) {
            a = staff_from_row(st);
            hash = st.text(7);
        }
    }
    // An unknown login still pays for one hash, so timing does not tell which logins exist.
    static const std::string dummy = hash_password("not a password of anyone");
    bool ok = verify_password(a ? hash : dummy, password) && a && a->active;
    if (!ok) throw InputError("password", "sign_in_failed");
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
