// reception-admin: what the administrator (and scripts and tests) run to set up a store, load
// the schedule, look at the calendar and check numbers. Every subcommand has --help.
#include "base/assets.hpp"
#include "base/i18n.hpp"
#include "base/log.hpp"
#include "base/validation.hpp"
#include "base/version.hpp"
#include "cases/applications.hpp"
#include "queue/ticket_queue.hpp"
#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "reports/report.hpp"
#include "schedule/restriction.hpp"
#include "schedule/schedule.hpp"
#include "schedule/schedule_export.hpp"
#include "store/store.hpp"
#include "store/store_backup.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

using namespace reception;

namespace {

struct Options {
    std::string store, terminal, assets, file, lang = "en";
    std::string from, date, kind, value, room = "main", service = "same_day", category;
    std::string out = ".", month, report_lang = "kk", on_off, reason, actor = "admin";
    int working_days = -1, calendar_days = -1, months = -1, year = 0, quarter = 0;
    std::string backup_to, log_level = "info";
    int keep = 14;
};

std::filesystem::path assets_of(const Options& o) {
    return o.assets.empty() ? assets_dir() : std::filesystem::path(o.assets);
}

WorkCalendar load_calendar(const Options& o) {
    return WorkCalendar::load_dir(assets_of(o) / "calendar");
}

// The profile in effect today, with a warning when the newest one has expired.
RegulationProfile current_profile(const Options& o) {
    auto all = load_profiles(assets_of(o) / "regulations");
    bool expired = false;
    const RegulationProfile& p = profile_for(all, local_date(now_utc()), &expired);
    if (expired)
        std::cerr << "warning: regulation profile " << p.id << " applied until "
                  << format_date(*p.effective_to) << (p.end_confirmed ? "" : " at least")
                  << "; add the profile of the resolution now in force to assets/regulations/\n";
    return p;
}

// Subcommands
int cmd_create(const Options& o, OpenMode mode) {
    auto store = Store::open(o.store, mode);
    if (!o.terminal.empty())
        store->transaction([&] { store->set_meta("terminal_id", o.terminal); });
    std::cout << o.store << ": schema version " << store->schema_version() << ", terminal "
              << store->terminal_id() << "\n";
    return 0;
}

int cmd_info(const Options& o) {
    auto store = Store::open(o.store, OpenMode::Existing);
    std::cout << "store:          " << o.store << "\n"
              << "schema version: " << store->schema_version()
              << " (this program: " << Store::latest_schema_version() << ")\n"
              << "terminal:       " << store->terminal_id() << "\n";
    for (const char* table : {"applications", "tickets", "officials", "sessions", "outbox"}) {
        // Table names cannot be bound; they come from this fixed list, never from input.
        std::string sql = std::string("SELECT count(*) FROM ") + table;
        Stmt st = store->prepare(sql.c_str());
        st.step();
        std::cout << table << ":" << std::string(16 - std::string(table).size(), ' ')
                  << st.integer(0) << "\n";
    }
    std::string check = store->integrity_check();
    std::cout << "integrity:      " << check << "\n";
    return check == "ok" ? 0 : 1;
}

int cmd_load_schedule(const Options& o) {
    std::ifstream in(o.file);
    if (!in) {
        std::cerr << o.file << ": cannot be read\n";
        return 2;
    }
    nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded()) {
        std::cerr << o.file << ": not valid JSON\n";
        return 2;
    }
    auto store = Store::open(o.store, OpenMode::CreateIfMissing);
    auto r = load_schedule(*store, current_profile(o), load_calendar(o), doc, now_utc());
    std::cout << "loaded " << r.rooms << " rooms, " << r.officials << " officials, " << r.sessions
              << " sessions\n";
    return 0;
}

int cmd_holidays(const Options& o) {
    WorkCalendar cal = load_calendar(o);
    if (!cal.covers(o.year))
        std::cerr << "warning: no calendar data for " << o.year
                  << "; only weekends are shown. Add assets/calendar/" << o.year << ".json\n";
    for (Date d : cal.non_working_days(o.year))
        std::cout << format_date(d) << "  " << cal.why_off(d) << "\n";
    if (const CalendarYear* y = cal.year_data(o.year)) {
        for (Date d = make_date(o.year, 1, 1); int(d.year()) == o.year; d = add_days(d, 1))
            if (is_weekend(d) && cal.is_working_day(d))
                std::cout << format_date(d) << "  WORKED: " << y->working_weekends.at(d) << "\n";
        for (const auto& u : y->unconfirmed)
            std::cerr << "unconfirmed (" << u.what << "): " << u.note << "\n";
    }
    return 0;
}

int cmd_deadline(const Options& o) {
    auto from = parse_date(o.from);
    if (!from) {
        std::cerr << "--from: not a date YYYY-MM-DD: " << o.from << "\n";
        return 2;
    }
    int given = (o.working_days >= 0) + (o.calendar_days >= 0) + (o.months >= 0);
    if (given != 1) {
        std::cerr << "give exactly one of --working-days, --calendar-days, --months\n";
        return 2;
    }
    WorkCalendar cal = load_calendar(o);
    Term t;
    if (o.working_days >= 0) t = {o.working_days, TermUnit::WorkingDays, ""};
    if (o.calendar_days >= 0) t = {o.calendar_days, TermUnit::CalendarDays, ""};
    if (o.months >= 0) t = {o.months, TermUnit::Months, ""};
    // Where a term ending on a day off ends: the setting of the profile in force at its start.
    t.end = profile_for(load_profiles(assets_of(o) / "regulations"), *from, nullptr).term_end;
    Date due = term_after(cal, t, *from);
    std::cout << format_date(due) << "\n";
    if (!cal.covers_days(*from, due))
        std::cerr << "warning: the term runs through a year with no calendar data\n";
    return 0;
}

int cmd_validate(const Options& o) {
    Reason r;
    std::string shown = o.value;
    if (o.kind == "iin")
        r = check_iin(o.value);
    else if (o.kind == "bin")
        r = check_bin(o.value);
    else if (o.kind == "phone") {
        Phone p;
        r = check_phone(o.value, true, &p);
        if (r == Reason::Ok) shown = format_phone(p.e164);
    } else {
        std::cerr << "what to validate: iin, bin or phone\n";
        return 2;
    }
    if (r == Reason::Ok) {
        std::cout << "valid: " << shown << "\n";
        return 0;
    }
    Lang lang = Lang::en;
    parse_lang(o.lang, &lang);
    Catalog cat = Catalog::load_dir(assets_of(o) / "i18n");
    std::cout << "invalid (" << reason_code(r)
              << "): " << cat.text(lang, std::string("error.") + reason_code(r)) << "\n";
    return 1;
}

int cmd_profile(const Options& o) {
    auto all = load_profiles(assets_of(o) / "regulations");
    Date day = o.date.empty() ? local_date(now_utc()) : parse_date(o.date).value_or(Date{});
    bool expired = false;
    const RegulationProfile& p = profile_for(all, day, &expired);
    std::cout << p.id << ": " << p.resolution << "\n  in effect " << format_date(p.effective_from)
              << " .. " << (p.effective_to ? format_date(*p.effective_to) : "") << "\n";
    if (!p.repealed_by.empty())
        std::cout << "  repealed by " << p.repealed_by
                  << (p.end_confirmed ? "" : " (publication date unconfirmed: earliest end shown)")
                  << "\n";
    if (expired) std::cout << "  NOT in effect on " << format_date(day) << " (newest available)\n";
    std::cout << "  a calendar-day or month term ending on a day off ends on the "
              << (p.term_end == TermEnd::OnOrBefore ? "last working day before it"
                                                    : "next working day")
              << (p.term_end_citation.empty() ? "" : " (" + p.term_end_citation + ")") << "\n";
    for (const auto& [name, t] : p.terms) {
        const char* unit = t.unit == TermUnit::WorkingDays    ? "working days"
                           : t.unit == TermUnit::CalendarDays ? "calendar days"
                                                              : "months";
        std::cout << "  " << t.item << "  " << name << ": " << t.count << " " << unit << "\n";
    }
    return 0;
}

int cmd_ticket(const Options& o) {
    auto store = Store::open(o.store, OpenMode::Existing);
    TicketRequest req{o.room, o.service, o.category, o.lang == "ru" ? "ru" : "kk", "admin"};
    Ticket t = issue_ticket(*store, current_profile(o), req, now_utc());
    std::cout << t.number << " " << t.uuid << "\n";
    return 0;
}

// reg-40, reg-24: the quarter's report as PDF and CSV in one language, and the media export.
bool write_text(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    out.close();
    if (!out) std::cerr << "error: cannot write " << file.string() << "\n";
    return bool(out);
}

int cmd_report(const Options& o) {
    auto store = Store::open(o.store, OpenMode::Existing);
    Catalog texts = Catalog::load_dir(assets_of(o) / "i18n");
    Lang lang = Lang::kk;
    parse_lang(o.report_lang, &lang); // CLI11 let only kk, ru, en through
    QuarterReport r = quarter_report(*store, current_profile(o), load_calendar(o), texts, lang,
                                     o.year, o.quarter, local_date(now_utc()));
    std::string base = "report-" + std::to_string(o.year) + "-q" + std::to_string(o.quarter);
    std::filesystem::path dir = o.out;
    std::string error;
    std::filesystem::path pdf = dir / (base + "." + o.report_lang + ".pdf");
    if (!write_report_pdf(r, texts, lang, pdf.string(), &error)) {
        std::cerr << "error: " << error << "\n";
        return 1;
    }
    if (!write_text(dir / (base + "." + o.report_lang + ".csv"), report_csv(r))) return 1;
    if (!write_text(dir / (base + ".media.json"), media_export_json(r))) return 1;
    std::cout << r.title << ": " << r.registered << " registered\n  " << pdf.string() << "\n  "
              << (dir / (base + "." + o.report_lang + ".csv")).string() << "\n  "
              << (dir / (base + ".media.json")).string() << "\n";
    return 0;
}

// reg-8: the month's schedule for the notice board (PDF, kk and ru) and the website (JSON).
int cmd_schedule_export(const Options& o) {
    auto day = parse_date(o.month + "-01");
    if (!day) {
        std::cerr << "error: --month wants YYYY-MM, got " << o.month << "\n";
        return 2;
    }
    auto store = Store::open(o.store, OpenMode::Existing);
    Catalog texts = Catalog::load_dir(assets_of(o) / "i18n");
    std::filesystem::path dir = o.out;
    std::string base = "schedule-" + o.month, error;
    for (Lang lang : {Lang::kk, Lang::ru}) {
        std::filesystem::path pdf = dir / (base + "." + lang_code(lang) + ".pdf");
        if (!write_schedule_pdf(*store, texts, lang, *day, pdf.string(), &error)) {
            std::cerr << "error: " << error << "\n";
            return 1;
        }
        std::cout << pdf.string() << "\n";
    }
    if (!write_text(dir / (base + ".json"),
                    schedule_month_json(*store, current_profile(o), *day).dump(1) + "\n"))
        return 1;
    std::cout << (dir / (base + ".json")).string() << "\n";
    return 0;
}

// reg-14: the room's restriction mode, on or off, with the reason in the history.
int cmd_restriction(const Options& o) {
    auto store = Store::open(o.store, OpenMode::Existing);
    if (!o.on_off.empty())
        set_restriction_mode(*store, o.on_off == "on", o.actor, o.reason, now_utc());
    std::cout << "restriction mode (reg-14, receptions by video only): "
              << (restriction_mode(*store) ? "on" : "off") << "\n";
    return 0;
}

// A consistent copy of a terminal's store while its programs run (store/store_backup.hpp):
// STEM-YYYYMMDDTHHMMSSZ.db in the folder, the newest `keep` kept.
int cmd_backup(const Options& o) {
    auto store = Store::open(o.store, OpenMode::Existing);
    std::string prefix = std::filesystem::path(o.store).stem().string();
    std::filesystem::path file = backup_into_folder(*store, o.backup_to, prefix, o.keep, now_utc());
    log_notice("backup written: " + file.string());
    std::cout << file.string() << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"reception-admin: set up and inspect the reception room's store and rules"};
    app.set_version_flag("--version", version_line("reception-admin"));
    app.require_subcommand(1);
    Options o;
    app.fallthrough(); // --assets and --log-level also after the subcommand
    app.add_option("--assets", o.assets, "data folder (default: $RECEPTION_ASSETS or the build's)");
    app.add_option("--log-level", o.log_level, kLogLevelHelp);

    auto* create = app.add_subcommand("create", "create a store, or migrate it to this version");
    create->add_option("--store", o.store, "store file")->required();
    create->add_option("--terminal", o.terminal, "this terminal's short id, e.g. K1");
    auto* migrate = app.add_subcommand("migrate", "migrate an existing store to this version");
    migrate->add_option("--store", o.store, "store file")->required();
    auto* info = app.add_subcommand("info", "schema version, counts and integrity of a store");
    info->add_option("--store", o.store, "store file")->required();
    auto* load = app.add_subcommand("load-schedule", "load rooms, officials and sessions (JSON)");
    load->add_option("--store", o.store, "store file")->required();
    load->add_option("file", o.file, "schedule JSON")->required();
    auto* holidays = app.add_subcommand("holidays", "print a year's non-working days");
    holidays->add_option("year", o.year, "year, e.g. 2026")
        ->required()
        ->check(CLI::Range(1990, 2100));
    auto* deadline = app.add_subcommand("deadline", "print the due date of a term");
    deadline->add_option("--from", o.from, "start date YYYY-MM-DD")->required();
    deadline->add_option("--working-days", o.working_days, "N working days after --from")
        ->check(CLI::Range(0, 10000));
    deadline->add_option("--calendar-days", o.calendar_days, "N calendar days after --from")
        ->check(CLI::Range(0, 10000));
    deadline->add_option("--months", o.months, "N months after --from")->check(CLI::Range(0, 120));
    auto* validate = app.add_subcommand("validate", "check an IIN, BIN or phone number");
    validate->add_option("kind", o.kind, "iin, bin or phone")->required();
    validate->add_option("value", o.value, "the number")->required();
    validate->add_option("--lang", o.lang, "language of the message: kk, ru, en");
    auto* profile = app.add_subcommand("profile", "show the regulation profile in effect");
    profile->add_option("--date", o.date, "the day (default today)");
    auto* ticket = app.add_subcommand("ticket", "issue a queue ticket (for scripts and tests)");
    ticket->add_option("--store", o.store, "store file")->required();
    ticket->add_option("--room", o.room, "room code");
    ticket->add_option("--service", o.service, "service code");
    ticket->add_option("--category", o.category, "out-of-turn category code");
    ticket->add_option("--lang", o.lang, "kk or ru");

    auto* report = app.add_subcommand("report", "the quarter's report: PDF, CSV, media JSON");
    report->add_option("--store", o.store, "store file")->required();
    report->add_option("--year", o.year, "year")->required()->check(CLI::Range(2000, 2100));
    report->add_option("--quarter", o.quarter, "1 to 4")->required()->check(CLI::Range(1, 4));
    report->add_option("--lang", o.report_lang, "kk (default), ru or en")
        ->check(CLI::IsMember({"kk", "ru", "en"}));
    report->add_option("--out", o.out, "folder to write into (default: here)")
        ->check(CLI::ExistingDirectory);
    auto* sched = app.add_subcommand("schedule-export", "the month's schedule: PDF kk/ru, JSON");
    sched->add_option("--store", o.store, "store file")->required();
    sched->add_option("--month", o.month, "YYYY-MM")->required();
    sched->add_option("--out", o.out, "folder to write into (default: here)")
        ->check(CLI::ExistingDirectory);

    auto* restrict = app.add_subcommand("restriction", "reg-14: receptions by video only");
    restrict->add_option("--store", o.store, "store file")->required();
    restrict->add_option("state", o.on_off, "on or off (none: show it)")
        ->check(CLI::IsMember({"on", "off"}));
    restrict->add_option("--reason", o.reason, "why (the akim's decision), for the history");
    restrict->add_option("--actor", o.actor, "who (default admin)");

    auto* backup = app.add_subcommand("backup", "write a consistent copy of a store, online");
    backup->add_option("--store", o.store, "store file")->required();
    backup->add_option("--to", o.backup_to, "folder for STORE-YYYYMMDDTHHMMSSZ.db")->required();
    backup->add_option("--keep", o.keep, "copies kept, the newest (0: all; default 14)")
        ->check(CLI::Range(0, 10000));

    CLI11_PARSE(app, argc, argv);
    if (!apply_log_level(o.log_level)) return 2;
    try {
        if (*create) return cmd_create(o, OpenMode::CreateIfMissing);
        if (*migrate) return cmd_create(o, OpenMode::Existing);
        if (*info) return cmd_info(o);
        if (*load) return cmd_load_schedule(o);
        if (*holidays) return cmd_holidays(o);
        if (*deadline) return cmd_deadline(o);
        if (*validate) return cmd_validate(o);
        if (*profile) return cmd_profile(o);
        if (*ticket) return cmd_ticket(o);
        if (*report) return cmd_report(o);
        if (*sched) return cmd_schedule_export(o);
        if (*restrict) return cmd_restriction(o);
        if (*backup) return cmd_backup(o);
    } catch (const InputError& e) {
        std::cerr << "error: " << e.field << ": " << e.code << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 2;
    }
    return 2;
}
