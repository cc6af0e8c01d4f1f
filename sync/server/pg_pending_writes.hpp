// What a PostgreSQL group commit keeps in memory until its commit (pg_server_store.cpp): the
// pushes' writes, read back by the later pushes of the group, then sent as one multi-row
// statement per table; and the rows read ahead for the whole group in one query.
#pragma once

#include "server/server_store.hpp"

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace reception {

using RecordKey = std::pair<std::string, std::string>;        // entity, uuid
using TicketKey = std::array<std::string, 3>;                 // room, day, number
using RegKey = std::pair<std::string, std::string>;           // room, number
using DayTicketKey = std::array<std::string, 3>;              // room, day, uuid
using Quote = std::function<std::string(const std::string&)>; // a text as an SQL literal

struct PendingBatch {
    SeenBatch seen;
    std::string at;
};
struct PendingOp {
    SeenOp seen;
    std::string terminal, created_at;
};

struct PendingWrites {
    std::map<std::string, PendingBatch> batches;
    std::map<std::string, PendingOp> ops;
    std::map<RecordKey, ExistingRecord> records; // the latest version of each
    std::map<TicketKey, std::string> tickets;    // claimed numbers: the UUID
    std::map<RegKey, std::string> regs;
    std::set<DayTicketKey> day_tickets;            // the public pages' index (public_index.hpp)
    std::map<std::string, PublicCode> codes;       // by code
    std::map<std::string, DeliveryRow> deliveries; // by notice UUID: queued by this group
    std::vector<FeedChange> changes;               // in the order appended

    bool empty() const;
    void clear();
    void move_into(PendingWrites& group); // a job's writes, once it succeeded
};

// The statements that store w, commit, and read the grown rooms' heads back (the rows of the
// last statement: room, head). The changes take their seqs here, in the order appended, and
// the rooms' head rows are locked in room order.
std::string commit_sql(const PendingWrites& w, const Quote& quote);

// Rows looked up for a whole group at once. A key asked for and not found is kept as absent.
struct KnownRows {
    std::map<std::string, std::optional<SeenBatch>> batches;
    std::map<std::string, std::optional<SeenOp>> ops;
    std::map<RecordKey, ExistingRecord> records; // found = false: absent
    std::map<TicketKey, std::string> tickets;    // "": free
    std::map<std::string, std::optional<PublicCode>> codes;

    void add(const pqxx::row& row); // a row of read_ahead_sql's answer
    void mark_absent(const ReadAhead& a);
    void clear();
};

// One query for everything a, or "" when a asks for nothing.
std::string read_ahead_sql(const ReadAhead& a, const Quote& quote);

} // namespace reception
