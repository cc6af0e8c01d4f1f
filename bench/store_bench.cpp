// The local store's costs, in one run so the ratios are fair on a noisy machine:
//   1. a bare durable SQLite commit of one row (WAL, synchronous=FULL) on the same disk:
//      the physical floor every user action pays;
//   2. issuing a ticket (counter, ticket row, outbox row in one transaction);
//   3. calling the next ticket with 100 and with 100,000 tickets in the day's history.
// Targets: ticket issue <= 1.5x the bare commit; call-next at 100,000 <= 2x at 100.
//
// usage: store_bench [DIR] [ROUNDS]   (DIR: where the files go, default the current folder)
#include "base/assets.hpp"
#include "base/uuid.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/profile.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sqlite3.h>
#include <string>
#include <vector>

using namespace reception;
using Clock = std::chrono::steady_clock;

namespace {

double median_us(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

template <class F> std::vector<double> time_each(int n, F&& fn) {
    std::vector<double> out;
    for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        fn(i);
        out.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    }
    return out;
}

std::filesystem::path fresh(const std::filesystem::path& dir, const char* name) {
    std::filesystem::path p = dir / name;
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(p.string() + ext);
    return p;
}

// 1. The floor: plain sqlite3 with the same pragmas as the store, one INSERT per commit.
std::vector<double> bare_commits(const std::filesystem::path& dir, int n) {
    sqlite3* db = nullptr;
    sqlite3_open(fresh(dir, "bare.db").c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                 "CREATE TABLE t(id TEXT PRIMARY KEY, v TEXT)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1, ?2)", -1, &st, nullptr);
    auto times = time_each(n, [&](int) {
        std::string id = new_uuid();
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, "payload", -1, SQLITE_STATIC);
        sqlite3_step(st);
        sqlite3_reset(st);
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    });
    sqlite3_finalize(st);
    sqlite3_close(db);
    return times;
}

// A day's history of `done` tickets, written in one transaction (setup, not measured).
void fill_history(Store& store, Date day, int n) {
    static const char* const sql =
        "INSERT INTO tickets(uuid, room, day, service, number, category, priority, language, "
        "state, issued_at, called_at, updated_at) VALUES (?1, 'main', ?2, 'same_day', ?3, '', "
        "1, 'kk', 'done', ?4, ?4, ?4)";
    std::string d = format_date(day);
    store.transaction([&] {
        for (int i = 0; i < n; ++i) {
            Stmt st = store.prepare(sql); // from the cache; reset when it goes out of scope
            st.bind(1, new_uuid()).bind(2, d).bind(3, "H-" + std::to_string(i));
            st.bind(4, d + "T03:00:00Z");
            st.run();
        }
    });
}

std::vector<double> call_next_with_history(const std::filesystem::path& dir, const char* name,
                                           const RegulationProfile& profile, int history, int n) {
    auto store = Store::open(fresh(dir, name), OpenMode::CreateIfMissing);
    Instant now = now_utc();
    Date today = local_date(now);
    fill_history(*store, today, history);
    // Setup writes a large WAL; checkpoint it now so its copy-back is not timed as a call.
    store->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    for (int i = 0; i < n; ++i)
        issue_ticket(*store, profile,
                     {"main", "same_day", i % 7 == 0 ? "disability" : "", "kk", "b"}, now);
    return time_each(
        n, [&](int) { call_next(*store, "main", today, {"same_day"}, "1", "bench", now); });
}

void report(const char* what, const std::vector<double>& t) {
    std::printf(
        "%-44s median %8.1f us   p90 %8.1f us   (n=%zu)\n", what, median_us(t),
        [&] {
            auto v = t;
            std::sort(v.begin(), v.end());
            return v[v.size() * 9 / 10];
        }(),
        t.size());
}

} // namespace

int main(int argc, char** argv) {
    std::filesystem::path dir = argc > 1 ? argv[1] : ".";
    int rounds = argc > 2 ? std::atoi(argv[2]) : 300;
    std::filesystem::create_directories(dir);
    RegulationProfile profile = load_profile(assets_dir() / "regulations/khromtau-2023-133.json");

    // Interleave the first two so a burst of disk noise hits both alike.
    auto store = Store::open(fresh(dir, "issue.db"), OpenMode::CreateIfMissing);
    std::vector<double> bare, issue;
    for (int r = 0; r < 5; ++r) {
        auto b = bare_commits(dir, rounds / 5);
        bare.insert(bare.end(), b.begin(), b.end());
        auto t = time_each(rounds / 5, [&](int) {
            issue_ticket(*store, profile, {"main", "same_day", "", "kk", "bench"}, now_utc());
        });
        issue.insert(issue.end(), t.begin(), t.end());
    }
    auto small = call_next_with_history(dir, "next100.db", profile, 100, rounds);
    auto large = call_next_with_history(dir, "next100k.db", profile, 100000, rounds);

    std::printf("store_bench: %s, %d rounds each\n", dir.c_str(), rounds);
    report("bare durable commit (1 row, WAL, FULL)", bare);
    report("issue ticket (counter + row + outbox)", issue);
    report("call next, 100 tickets in history", small);
    report("call next, 100,000 tickets in history", large);
    double r1 = median_us(issue) / median_us(bare);
    double r2 = median_us(large) / median_us(small);
    std::printf("ratio issue/bare commit      %.2f  (target <= 1.5)  %s\n", r1,
                r1 <= 1.5 ? "ok" : "MISSED");
    std::printf("ratio call-next 100k/100     %.2f  (target <= 2.0)  %s\n", r2,
                r2 <= 2.0 ? "ok" : "MISSED");
    return 0;
}
