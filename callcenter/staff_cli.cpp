#include "staff_cli.hpp"

#include "cases/applications.hpp"

#include <istream>
#include <ostream>

namespace reception::console {

int add_staff_from_cli(Store& store, const StaffCli& s, std::istream& password_in,
                       std::ostream& out, const std::string& actor, Instant now) {
    NewStaff n{s.login, s.full_name, s.position, "", StaffRole::Operator};
    if (!from_code(s.role, &n.role)) {
        out << "role: use operator, desk_clerk, responsible or admin\n";
        return 1;
    }
    std::getline(password_in, n.password);
    if (!n.password.empty() && n.password.back() == '\r') n.password.pop_back();
    try {
        StaffAccount a = create_staff(store, n, actor, now);
        out << "created " << a.login << " (" << to_code(a.role) << ")\n";
        return 0;
    } catch (const InputError& e) {
        out << e.field << ": " << e.code << "\n";
        return 1;
    }
}

} // namespace reception::console
