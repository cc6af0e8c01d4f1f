// What a write will look up: a push's batch id, its op ids and records, its tickets' numbers
// and public codes. A store that pays a round trip per look-up (PostgreSQL) reads those of a
// whole group commit in one query before the group runs (ServerStore::read_ahead); SQLite reads
// each when asked.
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace reception {

struct ReadAhead {
    std::vector<std::string> batches, ops;
    std::vector<std::pair<std::string, std::string>> records; // entity, uuid
    std::vector<std::array<std::string, 3>> tickets;          // room, day, number
    std::vector<std::string> codes;                           // the tickets' public codes

    void add(const ReadAhead& other) {
        batches.insert(batches.end(), other.batches.begin(), other.batches.end());
        ops.insert(ops.end(), other.ops.begin(), other.ops.end());
        records.insert(records.end(), other.records.begin(), other.records.end());
        tickets.insert(tickets.end(), other.tickets.begin(), other.tickets.end());
        codes.insert(codes.end(), other.codes.begin(), other.codes.end());
    }
    bool empty() const {
        return batches.empty() && ops.empty() && records.empty() && tickets.empty() &&
               codes.empty();
    }
};

} // namespace reception
