// The central server's store, behind a narrow interface: everything the server keeps (terminals
// and credentials, the records' current versions, the numbers people read, the change feed, the
// idempotency records, the epoch, what terminals said of themselves) is read and written through
// ServerStore. The rules — who may write what, conflicts, numbers, replays — are written once,
// above it (auth.cpp, push.cpp, write_rules.cpp, numbers.cpp, feed.cpp); a store only keeps rows.
//
// Two implementations:
//  - SQLite (the default, one district): DATA/server.db, a reception store file (WAL) with the
//    server's tables beside the terminal ones, all named srv_ (sqlite_server_store.cpp);
//  - PostgreSQL 15 (a region or the country, several instances on one database), chosen by
//    --db postgresql://... or a libpq service name (pg_server_store.cpp).
// The feed is kept per room: each room has its own sequence, so there is no global hot row and a
// district is a natural shard (docs/scale.md).
#pragma once

#include "common/rules.hpp"
#include "server/auth.hpp"
#include "server/read_ahead.hpp"
#include "server/terminal_status.hpp"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reception {

// Where the server's store is: a libpq connection string (postgresql://..., "service=NAME" or a
// bare service name) in db, or, when db is empty, DATA/server.db.
struct StoreLocation {
    std::filesystem::path data_dir;
    std::string db;
    bool postgres() const { return !db.empty(); }
};

// The server's current version of a record.
struct ExistingRecord {
    bool found = false;
    std::string room, origin; // origin: the terminal that first wrote it
    Version version;
    std::string payload; // as stored (compact JSON)
};

// One change appended to a room's feed.
struct FeedChange {
    std::string op_id, terminal, room, entity, entity_uuid, kind, payload;
    std::string public_payload; // what kiosks and boards pull; empty: nothing (NULL)
    std::string at;
};

struct FeedPage {
    std::string changes;      // the JSON array of changes, as text
    int count = 0;            // how many changes it holds
    long long next = 0;       // the cursor's new seq
    std::string entity, uuid; // in a snapshot with more to come: the last record sent
    bool has_more = false;
};

// A public page's code and the record it shows (public_pages.hpp).
struct PublicCode {
    std::string code, entity, uuid, room;
};

// A room's feed holds the changes with floor < seq <= head: prune_feed removed those up to
// floor, and a terminal behind it starts from a snapshot (feed.hpp).
struct FeedWindow {
    long long floor = 0, head = 0;
};

// A visitor's "text me when my turn is near" not yet due (server/turn_texts.hpp).
struct TurnWatch {
    std::string turn_uuid, room, ticket_uuid;
};

struct TerminalSlot { // a registered name
    bool revoked = false;
    std::string enrolled_at; // "" while its code is pending
};

struct PendingCode { // a terminal whose code is not yet spent
    Terminal terminal;
    std::string expires;
};

struct SeenBatch {
    std::string digest, terminal;
};

struct SeenOp {
    std::string outcome, reason;
};

// A notice the server sends (SMS or e-mail), keyed by the notice's uuid: one row per notice,
// whatever the terminals push again (delivery.hpp has the states and the rules).
struct DeliveryRow {
    std::string notice_uuid, room, application_uuid, channel;
    std::string state = "queued"; // queued | sending | retrying | sent | failed | cancelled
    std::string reason;
    int attempts = 0;
    std::string queued_at, next_at, last_attempt_at, sent_at, updated_at;
};

class ServerStore {
  public:
    virtual ~ServerStore() = default;

    // Transactions. transaction() commits durably before it returns (an answer "applied" is sent
    // only after it) and rolls back when body throws; savepoint() undoes body's writes alone
    // when it throws, and rethrows.
    virtual void transaction(const std::function<void()>& body) = 0;
    virtual bool in_transaction() = 0;
    virtual void savepoint(const std::function<void()>& body) = 0;

    // The epoch: random, made with the store, replaced after a restore from backup so that
    // terminals resync instead of trusting old cursors.
    virtual std::string epoch() = 0;
    virtual std::string new_epoch() = 0;
    // The room's feed head: the last sequence number its feed handed out (every change up to it
    // is committed). Inside a write transaction it may not count the transaction's own changes
    // (PostgreSQL gives their seqs at the commit).
    virtual long long feed_head(const std::string& room) = 0;
    // The heads of these rooms right after this connection's last commit (the rooms a group
    // commit grew: their long-polls wake up).
    virtual std::map<std::string, long long>
    heads_after_commit(const std::vector<std::string>& rooms);
    virtual FeedWindow feed_window(const std::string& room) = 0;
    // Moves each time a credential is revoked.
    virtual long long credentials_version() = 0;
    // A write that must commit: the health probe.
    virtual void record_health() = 0;

    // Terminals (auth.hpp has the rules).
    virtual std::optional<TerminalSlot> terminal_slot(const std::string& name) = 0;
    // How many terminals of the room other than name hold a ticket series.
    virtual int series_in_room(const std::string& room, const std::string& name) = 0;
    // Inserts the terminal, or replaces its room, kind, series and code.
    virtual void put_terminal_code(const Terminal& t, const std::string& code_hash,
                                   const std::string& expires, const std::string& created_at) = 0;
    virtual std::optional<PendingCode> pending_code(const std::string& code_hash) = 0;
    // Stores the token and spends the code, in the caller's transaction.
    virtual void set_token(const std::string& name, const std::string& token_hash,
                           const std::string& enrolled_at) = 0;
    // The terminal whose current or next token has this hash (not revoked).
    virtual std::optional<Terminal> terminal_by_token(const std::string& token_hash) = 0;
    // Token rotation (auth.hpp): the next token's hash waits beside the current one; a later
    // call replaces it.
    virtual void set_next_token(const std::string& name, const std::string& next_hash) = 0;
    // When next_hash is name's next token: it becomes the current one, the old one stops
    // working and credentials_version moves. False (nothing changed) otherwise.
    virtual bool promote_next_token(const std::string& name, const std::string& next_hash) = 0;
    // Revokes and moves credentials_version; false when no terminal has the name.
    virtual bool revoke(const std::string& name) = 0;
    virtual std::vector<TerminalRow> terminals() = 0; // by room, then name
    // The rooms of a region, for its readers (TerminalRole::Reader); set replaces the list.
    virtual bool room_in_region(const std::string& region, const std::string& room) = 0;
    virtual void set_region_rooms(const std::string& region,
                                  const std::vector<std::string>& rooms) = 0;

    // Push (push.hpp): idempotency records, records, numbers, the feed.
    virtual void read_ahead(const ReadAhead&) {}
    virtual std::optional<SeenBatch> batch(const std::string& batch_id) = 0;
    virtual void add_batch(const std::string& batch_id, const std::string& terminal,
                           const std::string& digest, const std::string& at) = 0;
    virtual std::optional<SeenOp> applied_op(const std::string& op_id) = 0;
    // created_at: when the terminal made the op (retention.hpp forgets it by that time).
    virtual void add_applied_op(const std::string& op_id, const std::string& terminal,
                                const std::string& outcome, const std::string& reason,
                                const std::string& created_at) = 0;
    virtual ExistingRecord record(const std::string& entity, const std::string& uuid) = 0;
    virtual void put_record(const std::string& entity, const std::string& uuid,
                            const std::string& room, const std::string& origin, const Version& v,
                            const std::string& payload) = 0;
    // Appends to the change's room feed (its sequence number is given by the commit at the
    // latest, in the order of the appends).
    virtual void append_change(const FeedChange& c) = 0;
    // Binds the number to uuid unless taken; returns the UUID that holds it.
    virtual std::string claim_ticket_number(const std::string& room, const std::string& day,
                                            const std::string& number, const std::string& uuid) = 0;
    virtual std::string reg_number_owner(const std::string& room, const std::string& number) = 0;
    virtual void add_reg_number(const std::string& room, const std::string& number,
                                const std::string& uuid) = 0;

    // Pull: up to limit + 1 changes of the room with since < seq <= head, each appended to
    // page.changes by add(page, seq, entity, entity_uuid, kind, payload); the payload is the
    // public one when public_only (changes without one are left out). feed.cpp has the rest.
    using AddChange =
        std::function<bool(long long seq, std::string_view entity, std::string_view entity_uuid,
                           std::string_view kind, std::string_view payload)>;
    virtual void changes(const std::string& room, bool public_only, long long since, long long head,
                         int limit, const AddChange& add) = 0;
    // The room's window and, when since is inside it (floor <= since), its changes after since
    // up to the head, as changes() gives them. All from one moment: every change up to the head
    // is committed. One statement on PostgreSQL (a pull is then one round trip); feed_window
    // and changes on SQLite.
    virtual FeedWindow window_and_changes(const std::string& room, bool public_only,
                                          long long since, int limit, const AddChange& add);

    // The public pages (public_index.hpp has the rules). A ticket of a room's day, once.
    virtual void add_day_ticket(const std::string& room, const std::string& day,
                                const std::string& uuid) = 0;
    // The current payloads of the room's tickets of the day, in no particular order.
    virtual std::vector<std::string> day_ticket_payloads(const std::string& room,
                                                         const std::string& day) = 0;
    virtual std::optional<PublicCode> public_code(const std::string& code) = 0;
    // Inserts the code or points it to another record.
    virtual void put_public_code(const PublicCode& c) = 0;
    // The payloads of the events about one record (an application's history: its status page),
    // in no particular order; found by an index on the event's entity_uuid (server schema 9).
    virtual std::vector<std::string> event_payloads_about(const std::string& entity_uuid) = 0;

    // Deliveries (server schema 5). queue_delivery inserts unless the notice has a row already;
    // update_delivery writes r only while the row is still in state `expect` (false when another
    // sender or instance got there first); deliveries_in lists rows in a state whose next_at
    // (sending: last_attempt_at) is at or before `until`, oldest first.
    virtual void queue_delivery(const DeliveryRow& r) = 0;
    virtual std::optional<DeliveryRow> delivery(const std::string& notice_uuid) = 0;
    virtual bool update_delivery(const DeliveryRow& r, const std::string& expect) = 0;
    virtual std::vector<DeliveryRow> deliveries_in(const std::string& state,
                                                   const std::string& until, int limit) = 0;

    // Retention (retention.hpp): forgets the ops made before `before` and the batches received
    // before it, in one transaction; returns how many of each went.
    virtual std::pair<long long, long long> forget_idempotency(const std::string& before) = 0;

    // Snapshot: the room's current records after (entity, uuid) in that order, up to limit + 1,
    // each given to add until it returns false.
    using AddRecord = std::function<bool(std::string_view entity, std::string_view uuid,
                                         std::string_view payload)>;
    virtual void room_records(const std::string& room, const std::string& entity,
                              const std::string& uuid, int limit, const AddRecord& add) = 0;
    // Removes the changes appended before `before`, and every change below them in their room
    // (the room's floor moves up to the last one removed); returns how many went.
    virtual long long prune_feed(const std::string& before) = 0;

    // What terminals said of themselves (terminal_status.hpp).
    virtual std::map<std::string, TerminalReport> terminal_status() = 0;
    // Every report of one flush in one write, ordered by name (two instances flushing the same
    // terminals lock their rows in one order). On PostgreSQL one statement: a row per round
    // trip, 2,000 terminals every 10 s, held the writer 100 ms and more, and every push behind it.
    virtual void
    put_terminal_status(const std::vector<std::pair<std::string, TerminalReport>>& reports) = 0;

    // The turn SMS watch (server/turn_texts.hpp): one row per turn_text not yet due.
    virtual void watch_turn(const TurnWatch& w) = 0;
    virtual std::vector<TurnWatch> watched_turns(const std::string& room) = 0;
    virtual void unwatch_turn(const std::string& turn_uuid) = 0;
    // Keeping (queue/turn_text.hpp): forgets the turn_text records made before `before`, with
    // their watches, in one transaction; a delivery of theirs not yet tried is cancelled
    // ("expired"), and one being sent keeps its record until the next time. Returns how many
    // went.
    virtual long long forget_turn_texts(const std::string& before, const std::string& now) = 0;

    // The SQLite store under it (backups), or nullptr.
    virtual Store* sqlite() { return nullptr; }
};

// Opens the store (creating the SQLite file or the PostgreSQL tables when missing) and brings
// the server schema up to date. Every connection of the server opens it this way.
std::unique_ptr<ServerStore> open_server_store(const StoreLocation& where);
std::unique_ptr<ServerStore> open_server_store(const std::filesystem::path& data_dir);
std::unique_ptr<ServerStore> open_sqlite_server_store(const std::filesystem::path& data_dir);
std::unique_ptr<ServerStore> open_pg_server_store(const std::string& db);
// --db as libpq takes it: a URL or "key=value ..." as it is, a bare word as "service=WORD".
std::string pg_conninfo(const std::string& db);
// The channel a credentials change is announced on (pg_feed_listener.hpp).
#define PG_CREDENTIALS_CHANNEL "reception_credentials"
// The channel a new epoch is announced on (new_epoch, pg_feed_listener.hpp).
#define PG_EPOCH_CHANNEL "reception_epoch"

std::filesystem::path default_server_data_dir(); // $XDG_DATA_HOME/reception/server

} // namespace reception
