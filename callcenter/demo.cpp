#include "demo.hpp"

#include "base/assets.hpp"
#include "schedule/schedule.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <sys/random.h>

namespace reception::console {

std::string random_password() {
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const size_t n = sizeof alphabet - 1;
    std::string out;
    while (out.size() < 12) {
        unsigned char b[16];
        if (getrandom(b, sizeof b, 0) != ssize_t(sizeof b))
            throw std::runtime_error("no random bytes for a password");
        // Rejection sampling keeps every letter equally likely.
        for (unsigned char c : b)
            if (c < 256 / n * n && out.size() < 12) out += alphabet[c % n];
    }
    return out;
}

bool is_demo_store(const std::filesystem::path& file) {
    return file.filename() == "demo.db";
}

std::vector<DemoAccount> create_demo_accounts(Store& store, Instant now) {
    if (!list_staff(store).empty()) return {};
    struct Person {
        const char *login, *name, *position;
        StaffRole role;
    };
    const Person people[] = {
        {"operator", "Бекова Әсел Нұрланқызы", "Колл-орталық операторы", StaffRole::Operator},
        {"clerk", "Жұмабаев Ерлан Серікұлы", "Қабылдау бөлмесінің маманы", StaffRole::DeskClerk},
        {"responsible", "Исаева Гүлнар Маратқызы", "Жауапты қызметкер", StaffRole::Responsible},
        {"admin", "Омаров Данияр Асқарұлы", "Әкімші", StaffRole::Admin},
    };
    std::vector<DemoAccount> made;
    for (const auto& p : people) {
        NewStaff s{p.login, p.name, p.position, std::string("demo-") + p.login, p.role};
        create_staff(store, s, "demo-setup", now);
        made.push_back({p.login, s.password, p.role});
    }
    return made;
}

void load_demo_schedule_if_empty(Store& store, const RegulationProfile& profile,
                                 const WorkCalendar& cal, Instant now) {
    if (!list_officials(store).empty()) return;
    std::ifstream in(assets_dir() / "demo/schedule.json");
    load_schedule(store, profile, cal, nlohmann::json::parse(in), now);
}

} // namespace reception::console
