// Client-generated identities (docs/architecture.md principle 2).
//
// new_uuid() makes version 7 UUIDs (RFC 9562): 48 bits of Unix time in milliseconds, then 74
// random bits. Why not plain random (version 4): every store keys its tables by these ids, and
// the central server keys ops, batches and records by them. Random keys land on a random leaf
// of each B-tree, so a group commit of a few hundred pushes dirtied a few thousand pages and
// wrote them all to the WAL; time-ordered keys land at the right edge, in a few pages
// (measured in docs/performance.md). The 74 random bits still make a collision between
// terminals as unlikely as with version 4 at the rates a reception room makes ids.
#pragma once
#include <string>

namespace reception {
std::string new_uuid(); // "0193a1b2-7c4d-7e5f-8a6b-1c2d3e4f5a6b", lower case, version 7
std::string random_id(int hex_digits); // up to 30 hex digits from the random part only (no clock)
bool is_uuid(const std::string& s);    // any version, lower or upper case
} // namespace reception
