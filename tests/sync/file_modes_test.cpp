// Files only their owner reads. A terminal's store holds the bearer
// token (the most sensitive value on a kiosk) and visitors' personal data; the server's data
// directory holds every room's. Created 0600 (the directory 0700) whatever the umask; 0640
// when the store's directory is shared with a group (setgid), where a kiosk and a console
// on one machine share a store.
#include "sync_support.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

using namespace reception;
using namespace reception::test;

namespace {

unsigned mode_of(const std::filesystem::path& p) {
    struct stat st {};
    REQUIRE_MESSAGE(stat(p.c_str(), &st) == 0, p.string() << " is missing");
    return st.st_mode & 07777;
}

// Sets the umask for one test and puts the old one back.
struct Umask {
    mode_t old;
    explicit Umask(mode_t m) : old(umask(m)) {}
    ~Umask() { umask(old); }
};

} // namespace

TEST_CASE("sync: a terminal's store and its -wal and -shm are created 0600 under umask 022") {
    Umask u(022);
    TempDir dir;
    auto store = Store::open(dir / "k1.db", OpenMode::CreateIfMissing);
    store->transaction([&] { store->set_meta("sync_token", std::string(64, 'f')); });
    for (const char* f : {"k1.db", "k1.db-wal", "k1.db-shm"})
        CHECK_MESSAGE(mode_of(dir / f) == 0600, std::string(f));

    // A directory shared with a group (setgid): the group may read, nobody else.
    std::filesystem::create_directory(dir / "shared");
    REQUIRE(chmod((dir / "shared").c_str(), 02750) == 0);
    auto shared = Store::open(dir / "shared/room.db", OpenMode::CreateIfMissing);
    shared->transaction([&] { shared->set_meta("sync_token", std::string(64, 'f')); });
    for (const char* f : {"room.db", "room.db-wal", "room.db-shm"})
        CHECK_MESSAGE(mode_of(dir / "shared" / f) == 0640, std::string(f));

    // A store made before this (0644) is closed to others the next time it is opened.
    store.reset();
    REQUIRE(chmod((dir / "k1.db").c_str(), 0644) == 0);
    store = Store::open(dir / "k1.db", OpenMode::Existing);
    CHECK(mode_of(dir / "k1.db") == 0600);
}

TEST_CASE(
    "sync (SQLite store): the server's data directory is 0700 and its files 0600 under umask 022") {
    Umask u(022);
    TempDir dir;
    ServerProcess server(dir / "data");
    server.start();
    auto kiosk = enrolled_store(server, dir / "k1.db", "K1", "main", "kiosk");
    take_ticket(*kiosk);
    HttpClient client(config_of(*kiosk));
    REQUIRE(sync_until_idle(*kiosk, client).ok);
    CHECK(mode_of(dir / "data") == 0700);
    for (const char* f : {"server.db", "server.db-wal", "server.db-shm"})
        CHECK_MESSAGE(mode_of(dir / "data" / f) == 0600, std::string(f));
    for (const char* f : {"k1.db", "k1.db-wal", "k1.db-shm"})
        CHECK_MESSAGE(mode_of(dir / f) == 0600, std::string(f));
}
