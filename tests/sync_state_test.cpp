// The sync state line the apps show, read from the store alone.
#include "test_support.hpp"

#include "queue/ticket_queue.hpp"
#include "store/sync_state.hpp"

#include <doctest/doctest.h>

using namespace reception;
using namespace reception::test;

TEST_CASE(
    "sync: a kiosk working alone says nothing of a server, staff are told it is not enrolled") {
    TestStore s;
    SyncState st = read_sync_state(*s);
    CHECK_FALSE(st.enrolled);
    CHECK(sync_status_text(st, catalog(), Lang::ru, false).empty());
    CHECK(sync_status_text(st, catalog(), Lang::kk, true) ==
          catalog().text(Lang::kk, "sync.state.not_enrolled"));
}

TEST_CASE("sync: the line shows the last sync in local time and what waits to be sent") {
    TestStore s;
    s->transaction([&] {
        s->set_meta(sync_key::token, "secret");
        s->set_meta(sync_key::last_ok, format_instant(at(2026, 4, 14, 10, 42)));
    });
    issue_ticket(*s, profile(), {"main", "same_day", "", "kk", "kiosk-1"}, at(2026, 4, 14, 10, 50));
    SyncState st = read_sync_state(*s);
    CHECK(st.pending == 1);
    CHECK(sync_status_text(st, catalog(), Lang::ru, false) ==
          "Синхронизировано: 10:42 · Ожидают отправки: 1");
    s->transaction([&] { s->set_meta(sync_key::last_error, "connect: refused"); });
    st = read_sync_state(*s);
    CHECK(sync_status_text(st, catalog(), Lang::ru, false).find("refused") == std::string::npos);
    CHECK(sync_status_text(st, catalog(), Lang::ru, true).find("connect: refused") !=
          std::string::npos);
}

TEST_CASE("sync: staff read a sync error in their language, the technical words stay for the "
          "technician") {
    TestStore s;
    s->transaction([&] {
        s->set_meta(sync_key::token, "secret");
        s->set_meta(sync_key::last_error, "Failed to connect to localhost port 8443");
        s->set_meta(sync_key::last_error_kind, "offline");
    });
    SyncState st = read_sync_state(*s);
    CHECK(st.last_error_kind == "offline");
    std::string kk = sync_status_text(st, catalog(), Lang::kk, true);
    CHECK(kk.find("Сервермен байланыс жоқ") != std::string::npos);
    CHECK(kk.find("Failed to connect") == std::string::npos);
    CHECK(sync_status_text(st, catalog(), Lang::ru, true).find("Нет связи с сервером") !=
          std::string::npos);
    // Every kind the agent records has its words in every language.
    for (const char* kind : {"offline", "certificate", "credential", "clock", "server", "refused",
                             "answer", "pulled_change"})
        for (Lang lang : {Lang::kk, Lang::ru, Lang::en})
            CHECK_MESSAGE(catalog().has(lang, std::string("sync.error.") + kind), kind);
    // An error of no known kind is shown as it came.
    s->transaction([&] { s->set_meta(sync_key::last_error_kind, ""); });
    CHECK(sync_status_text(read_sync_state(*s), catalog(), Lang::kk, true)
              .find("Failed to connect") != std::string::npos);
}

TEST_CASE("sync: staff see how many changes the server found overtaken, visitors do not") {
    SyncState st;
    st.enrolled = true;
    st.superseded = 2;
    std::string staff = sync_status_text(st, catalog(), Lang::ru, true);
    CHECK(staff.find(catalog().format(Lang::ru, "sync.state.superseded", {{"count", "2"}})) !=
          std::string::npos);
    CHECK(sync_status_text(st, catalog(), Lang::ru, false).find("2") == std::string::npos);
}
