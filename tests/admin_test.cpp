// reception-admin, run as the administrator and scripts run it.
#include "test_support.hpp"

#include "base/validation.hpp"
#include "cases/applications.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <thread>

using namespace reception;
using namespace reception::test;

static std::string admin(const std::string& args) {
    return std::string(RECEPTION_ADMIN_BIN) + " " + args + " 2>&1";
}

TEST_CASE("admin: deadline --from 2026-03-20 --working-days 15 prints the due date") {
    std::string out;
    CHECK(run_command(admin("deadline --from 2026-03-20 --working-days 15"), &out) == 0);
    CHECK(out == "2026-04-15\n");
    out.clear();
    CHECK(run_command(admin("deadline --from 2026-03-20 --calendar-days 30"), &out) == 0);
    CHECK(out == "2026-04-17\n"); // 19 April is a Sunday: not past the limit (terms.md)
    CHECK(run_command(admin("deadline --from 2026-02-30 --working-days 15")) == 2);
}

TEST_CASE("admin: validate exits 0 when valid, 1 with the reason when not") {
    std::string out;
    CHECK(run_command(admin("validate iin 871008401427"), &out) == 0);
    out.clear();
    CHECK(run_command(admin("validate iin 871008401428"), &out) == 1);
    CHECK(out.find("bad_checksum") != std::string::npos);
    out.clear();
    CHECK(run_command(admin("validate bin 940140000385"), &out) == 0);
    out.clear();
    CHECK(run_command(admin("validate phone '8 701 123 45 67'"), &out) == 0);
    CHECK(out == "valid: +7 701 123 45 67\n");
    out.clear();
    CHECK(run_command(admin("validate phone '+7 912 123 45 67' --lang ru"), &out) == 1);
    CHECK(out.find("not_kazakh_phone") != std::string::npos);
}

TEST_CASE("admin: holidays prints a year's non-working days with the reason") {
    std::string out;
    CHECK(run_command(admin("holidays 2026"), &out) == 0);
    CHECK(out.find("2026-03-23") != std::string::npos);
    CHECK(out.find("2026-12-16") != std::string::npos);
    CHECK(out.find("2026-08-31") == std::string::npos); // 30 August is no longer a holiday
}

TEST_CASE("calendar: admin holidays shows the worked Sunday of 2025 and what 2027 lacks") {
    std::string out;
    CHECK(run_command(admin("holidays 2025"), &out) == 0);
    CHECK(out.find("2025-01-03  day off transferred") != std::string::npos);
    CHECK(out.find("2025-01-05  WORKED") != std::string::npos);
    CHECK(out.find("2025-01-05  Sunday") == std::string::npos);
    out.clear();
    CHECK(run_command(admin("holidays 2027"), &out) == 0);
    CHECK(out.find("unconfirmed (kurban_ait)") != std::string::npos);
    CHECK(out.find("unconfirmed (transfers)") != std::string::npos);
}

TEST_CASE("admin: create, load the demo schedule, and info on a store") {
    TempDir dir;
    std::string store = (dir / "s.db").string();
    std::string out;
    CHECK(run_command(admin("create --store " + store + " --terminal K2"), &out) == 0);
    CHECK(out.find("terminal K2") != std::string::npos);
    out.clear();
    CHECK(run_command(admin("load-schedule --store " + store + " " +
                            (assets() / "demo/schedule.json").string()),
                      &out) == 0);
    CHECK(out.find("5 officials") != std::string::npos);
    // Loading the same file again updates, it does not double.
    CHECK(run_command(admin("load-schedule --store " + store + " " +
                            (assets() / "demo/schedule.json").string())) == 0);
    auto s = Store::open(store, OpenMode::Existing);
    CHECK(list_officials(*s).size() == 5);
    // reg-7: with the demo schedule every official receives at least once a month.
    CHECK(officials_without_session(*s, profile(), day(2026, 11, 1)).empty());
    auto march = sessions_between(*s, day(2026, 3, 1), day(2026, 3, 31));
    for (const auto& ses : march) CHECK(calendar().is_working_day(ses.date));
    out.clear();
    CHECK(run_command(admin("info --store " + store), &out) == 0);
    CHECK(out.find("integrity:      ok") != std::string::npos);
    CHECK(run_command(admin("migrate --store " + (dir / "missing.db").string())) == 2);
}

TEST_CASE("reg-7: an official with no session in a month is flagged") {
    TestStore s;
    nlohmann::json doc = {
        {"rooms", {{{"code", "main"}, {"name_kk", "Бөлме"}, {"name_ru", "Приёмная"}}}},
        {"officials",
         {{{"uuid", "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01"},
           {"surname", "Жұмабаев"},
           {"name", "Ерлан"},
           {"role", "akim"}}}}};
    load_schedule(*s, profile(), calendar(), doc, at(2026, 3, 1));
    auto missing = officials_without_session(*s, profile(), day(2026, 3, 1));
    REQUIRE(missing.size() == 1);
    CHECK(full_name(missing[0]) == "Жұмабаев Ерлан");
}

TEST_CASE("schedule: a bad record is refused with its place named and nothing is loaded") {
    TestStore s;
    nlohmann::json doc = {{"officials",
                           {{{"surname", "Жұмабаев"}, {"name", "Ерлан"}, {"role", "akim"}},
                            {{"surname", "Қайыров"}, {"name", "Нұрлан"}, {"role", "king"}}}}};
    CHECK_THROWS_WITH_AS(load_schedule(*s, profile(), calendar(), doc, at(2026, 3, 1)),
                         "officials[1].role: unknown_role", InputError);
    CHECK(list_officials(*s).empty());
}

TEST_CASE("reg-40, reg-8: admin report and schedule-export write the PDF, CSV and JSON files") {
    TempDir dir;
    std::string store = (dir / "s.db").string(), out;
    REQUIRE(run_command(admin("create --store " + store + " --terminal K1")) == 0);
    REQUIRE(run_command(admin("load-schedule --store " + store + " " +
                              (assets() / "demo/schedule.json").string())) == 0);
    REQUIRE(run_command(admin("report --store " + store + " --year 2026 --quarter 4 --lang ru " +
                              "--out " + dir.path.string()),
                        &out) == 0);
    CHECK(out.find("2026 год, 4-й квартал") != std::string::npos);
    for (const char* f :
         {"report-2026-q4.ru.pdf", "report-2026-q4.ru.csv", "report-2026-q4.media.json"})
        CHECK_MESSAGE(std::filesystem::file_size(dir / f) > 100, f);
    REQUIRE(run_command(admin("schedule-export --store " + store + " --month 2026-12 --out " +
                              dir.path.string())) == 0);
    for (const char* f :
         {"schedule-2026-12.kk.pdf", "schedule-2026-12.ru.pdf", "schedule-2026-12.json"})
        CHECK_MESSAGE(std::filesystem::file_size(dir / f) > 100, f);
    // Bad input is refused with a message and writes nothing.
    out.clear();
    CHECK(run_command(admin("report --store " + store + " --year 2026 --quarter 5 --out " +
                            dir.path.string()),
                      &out) != 0);
    CHECK(out.find("--quarter") != std::string::npos);
    out.clear();
    CHECK(run_command(admin("schedule-export --store " + store + " --month 2026-13 --out " +
                            dir.path.string()),
                      &out) != 0);
    CHECK(out.find("YYYY-MM") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "schedule-2026-13.json"));
}

TEST_CASE("reg-14: admin turns the room's restriction mode on with a reason, and off") {
    TempDir dir;
    std::string store = (dir / "s.db").string(), out;
    REQUIRE(run_command(admin("create --store " + store)) == 0);
    CHECK(run_command(admin("restriction --store " + store), &out) == 0);
    CHECK(out.find(": off") != std::string::npos);
    out.clear();
    CHECK(run_command(admin("restriction --store " + store + " on"), &out) == 2); // no reason
    CHECK(out.find("reason") != std::string::npos);
    out.clear();
    CHECK(run_command(
              admin("restriction --store " + store + " on --reason 'Әкімнің 12.01.2026 шешімі'"),
              &out) == 0);
    CHECK(out.find(": on") != std::string::npos);
    auto s = Store::open(store, OpenMode::Existing);
    CHECK(restriction_mode(*s));
    Stmt st = s->prepare("SELECT count(*) FROM events WHERE kind = 'restriction_on'");
    st.step();
    CHECK(st.integer(0) == 1);
}

TEST_CASE("admin: backup writes a consistent copy of a terminal store that opens as a store") {
    TempDir dir;
    std::string store = (dir / "kiosk.db").string();
    REQUIRE(run_command(admin("create --store " + store + " --terminal K1")) == 0);
    for (int i = 0; i < 3; ++i) REQUIRE(run_command(admin("ticket --store " + store)) == 0);
    std::string out;
    // While another program holds the store open, as the kiosk does all day.
    auto open_store = Store::open(store, OpenMode::Existing);
    CHECK(run_command(admin("backup --store " + store + " --to " + (dir / "b").string() +
                            " --keep 2 --log-level warning"),
                      &out) == 0);
    std::filesystem::path copy = trim(out);
    REQUIRE(std::filesystem::exists(copy));
    CHECK(copy.filename().string().rfind("kiosk-", 0) == 0);
    // It holds the same personal data: readable by the owner only.
    CHECK((std::filesystem::status(copy).permissions() & std::filesystem::perms::others_read) ==
          std::filesystem::perms::none);
    REQUIRE(run_command(admin("ticket --store " + store)) == 0); // after the copy
    auto tickets = [](Store& s) {
        Stmt st = s.prepare("SELECT count(*) FROM tickets");
        st.step();
        return st.integer(0);
    };
    {
        auto restored = Store::open(copy, OpenMode::Existing);
        CHECK(tickets(*restored) == 3);
    }
    CHECK(tickets(*open_store) == 4);
    // Only the newest copies stay.
    for (int i = 0; i < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1100)); // names are per second
        CHECK(run_command(admin("backup --store " + store + " --to " + (dir / "b").string() +
                                " --keep 2")) == 0);
    }
    int copies = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir / "b"))
        copies += e.is_regular_file();
    CHECK(copies == 2);
    CHECK(run_command(admin("backup --store " + (dir / "missing.db").string() + " --to " +
                            (dir / "b").string())) == 2);
    CHECK(run_command(admin("info --store " + store + " --log-level loud")) == 2);
}
