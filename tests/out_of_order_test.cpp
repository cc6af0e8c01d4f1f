// The store failing under the kiosk: the visitor's intent is refused whole (nothing
// half-written), the reason is the true one (full, read-only — not "damaged"), and the kiosk
// comes back by itself once the store can be written again.
#include "out_of_order.hpp"

#include "kiosk_model.hpp"
#include "schedule/schedule.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace reception;
using namespace reception::kiosk;
using namespace reception::test;

namespace {

struct KioskOnStore {
    TestStore s;
    KioskConfig cfg;
    std::unique_ptr<KioskModel> m;
    Instant now = at(2026, 3, 16, 10, 0);
    KioskOnStore() {
        m = std::make_unique<KioskModel>(*s, profile(), calendar(), catalog(), cfg);
        m->printer = [](const print::Raster&) { return print::PrintResult{true, ""}; };
        m->touched(now);
    }
    long long tickets() {
        Stmt q = s->prepare("SELECT count(*) FROM tickets");
        q.step();
        return q.integer(0);
    }
    // Takes tickets until the store refuses one; the error it gave.
    StoreError take_until_refused() {
        for (int i = 0; i < 5000; ++i) {
            m->start_ticket();
            m->choose_service("consultation");
            try {
                m->choose_category("", now);
            } catch (const StoreError& e) {
                return e;
            }
            m->reset();
        }
        FAIL("the store never refused");
        return StoreError("", "");
    }
};

} // namespace

TEST_CASE("kiosk out of order: a full disk refuses the ticket whole, and the kiosk comes back") {
    KioskOnStore k;
    // SQLite's own limit on the file's size gives the very error a full disk gives.
    Stmt pages = k.s->prepare("PRAGMA page_count");
    pages.step();
    std::string limit = "PRAGMA max_page_count = " + std::to_string(pages.integer(0) + 2);
    k.s->exec(limit.c_str());
    long long before_error = 0;
    StoreError e = [&] {
        StoreError err = k.take_until_refused();
        before_error = k.tickets();
        return err;
    }();
    CHECK(e.code == "store_full");
    // The refused ticket left nothing: no row, no number used, no outbox row without a ticket.
    Stmt orphans = k.s->prepare("SELECT count(*) FROM outbox WHERE entity = 'ticket' AND "
                                "entity_uuid NOT IN (SELECT uuid FROM tickets)");
    orphans.step();
    CHECK(orphans.integer(0) == 0);
    CHECK(k.tickets() == before_error);
    OutOfOrder o;
    o.fail(e.code, e.what(), k.now);
    CHECK(o.active);
    CHECK_FALSE(o.probe(*k.s, "kiosk-1", k.now + std::chrono::seconds(5))); // still full
    k.s->exec("PRAGMA max_page_count = 1000000");                           // space again
    CHECK(o.probe(*k.s, "kiosk-1", k.now + std::chrono::seconds(10)));
    CHECK_FALSE(o.active);
    k.m->reset();
    k.m->start_ticket();
    k.m->choose_service("consultation");
    k.m->choose_category("", k.now);
    CHECK(k.tickets() == before_error + 1);
}

TEST_CASE("kiosk out of order: a read-only store is reported as read-only, not as damaged") {
    KioskOnStore k;
    k.s->exec("PRAGMA query_only = 1"); // as a file the kiosk may read but not write
    StoreError e = k.take_until_refused();
    CHECK(e.code == "store_read_only");
    CHECK(catalog().text(Lang::kk, "error.store_read_only").find("бүлінбеген") !=
          std::string::npos); // "not damaged"
    OutOfOrder o;
    o.fail(e.code, e.what(), k.now);
    CHECK_FALSE(o.probe(*k.s, "kiosk-1", k.now + std::chrono::seconds(5)));
    CHECK(o.code == "store_read_only");
    k.s->exec("PRAGMA query_only = 0");
    CHECK(o.probe(*k.s, "kiosk-1", k.now + std::chrono::seconds(10)));
}
