// Status lookup: find an application by registration number (or oral protocol number), phone
// or IIN, and say where it stands in words an operator can read to a caller: its state, its
// history, the next deadline and the reception date when one is set.
#pragma once

#include "base/domain.hpp"
#include "cases/applications.hpp"
#include "cases/deadlines.hpp"
#include "console_context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace reception::console {

enum class QueryKind { RegNumber, Phone, Iin, CheckCode };

// What the operator typed: a 12-digit number is an IIN, a Kazakhstan phone number a phone,
// 16 letters and digits 2-7 in any grouping the check code of a receipt, anything else with a
// dash a registration number. Returns an error code when it is none of them
// (or an IIN with a wrong check digit: the reason), else empty.
std::string classify_query(const std::string& query, QueryKind* kind);

// One line of the history, already in words.
struct HistoryLine {
    std::string when, who, what;
};

struct LookupDetail {
    Application app;
    std::vector<HistoryLine> history;
    std::vector<std::string> summary; // the sentences to read to the caller
};

class LookupModel {
  public:
    explicit LookupModel(ConsoleContext& ctx) : ctx_(ctx) {}

    std::string& query() { return query_; }
    const std::string& error() const { return error_; } // an error code, empty when none
    // Runs the query; with one result it is selected at once.
    bool search(Lang lang, Instant now);
    const std::vector<Application>& results() const { return results_; }
    void select(const std::string& uuid, Lang lang, Instant now);
    const std::optional<LookupDetail>& detail() const { return detail_; }
    void clear();

  private:
    ConsoleContext& ctx_;
    std::string query_, error_;
    std::vector<Application> results_;
    std::optional<LookupDetail> detail_;
};

// The detail of one application in lang, as of now.
LookupDetail describe_application(ConsoleContext& ctx, const Application& a, Lang lang,
                                  Instant now);

} // namespace reception::console
