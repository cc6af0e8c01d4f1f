// The printable exports: the quarter report (reg-40) and the month's schedule (reg-8, in JSON
// for the website and as PDF in Kazakh and Russian), read back with poppler's pdftotext.
#include "test_support.hpp"

#include "base/i18n.hpp"
#include "cases/casework.hpp"
#include "cases/hearing_pdf.hpp"
#include "queue/desks.hpp"
#include "queue/ticket_queue.hpp"
#include "reports/persons_list.hpp"
#include "reports/report.hpp"
#include "schedule/schedule.hpp"
#include "schedule/schedule_export.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <regex>
#include <sstream>

using namespace reception;
using namespace reception::test;
using nlohmann::json;

// Reading PDFs back ---------------------------------------------------------------------

static std::string first_bytes(const std::filesystem::path& file, size_t n) {
    std::ifstream in(file, std::ios::binary);
    std::string s(n, '\0');
    in.read(s.data(), std::streamsize(n));
    s.resize(size_t(in.gcount()));
    return s;
}

// The text of the whole PDF, or of one page (1-based).
static std::string pdf_text(const std::filesystem::path& pdf, int page = 0) {
    std::string range = page ? "-f " + std::to_string(page) + " -l " + std::to_string(page) : "";
    std::string out;
    int rc = run_command("pdftotext -enc UTF-8 " + range + " '" + pdf.string() + "' -", &out);
    REQUIRE_MESSAGE(rc == 0, "pdftotext (poppler-utils, scripts/deps) failed on " << pdf);
    return out;
}

static int pdf_pages(const std::filesystem::path& pdf) {
    std::string out;
    REQUIRE(run_command("pdfinfo '" + pdf.string() + "'", &out) == 0);
    std::smatch m;
    REQUIRE(std::regex_search(out, m, std::regex("Pages:\\s+(\\d+)")));
    return std::stoi(m[1]);
}

// The right edge of the widest word on any page, from pdftotext's word boxes.
static double rightmost_word(const std::filesystem::path& pdf) {
    std::string out;
    REQUIRE(run_command("pdftotext -bbox '" + pdf.string() + "' -", &out) == 0);
    double most = 0;
    std::regex re("xMax=\"([0-9.]+)\"");
    for (auto it = std::sregex_iterator(out.begin(), out.end(), re); it != std::sregex_iterator();
         ++it)
        most = std::max(most, std::stod((*it)[1]));
    return most;
}

// A phrase is found as it is, or else when each of its words is found as a whole word: table
// cells wrap, and pdftotext then puts a neighbouring cell's words in between. A word cut short
// with "…" is not a whole word, so a cell too narrow for its text fails.
static bool contains(const std::string& text, const std::string& part) {
    if (text.find(part) != std::string::npos) return true;
    std::istringstream words(part);
    std::string word;
    while (words >> word) {
        std::regex whole("(^|\\s)" +
                         std::regex_replace(word, std::regex("[.()+*?\\[\\]^$|\\\\]"), "\\$&") +
                         "($|\\s)");
        if (!std::regex_search(text, whole)) return false;
    }
    return true;
}

// Every page says which it is, of how many.
static void check_page_numbers(const std::filesystem::path& pdf, Lang lang) {
    int pages = pdf_pages(pdf);
    for (int p = 1; p <= pages; ++p) {
        std::string foot = catalog().format(
            lang, "report.page", {{"page", std::to_string(p)}, {"pages", std::to_string(pages)}});
        CHECK_MESSAGE(contains(pdf_text(pdf, p), foot), "page " << p << " lacks " << foot);
    }
}

// A report made by hand ---------------------------------------------------------------

static QuarterReport sample_report() {
    QuarterReport r;
    r.first = day(2026, 1, 1);
    r.last = day(2026, 3, 31);
    r.title = "2026 жыл, 1-тоқсан";
    r.registered = 42;
    r.from_personal_reception = 7;
    r.by_channel = {{"eotinish", catalog().text(Lang::kk, "channel.eotinish"), 20},
                    {"kiosk", catalog().text(Lang::kk, "channel.kiosk"), 15},
                    {"phone", catalog().text(Lang::kk, "channel.phone"), 7}};
    r.by_official = {{"a1", "Әбілқасымова Гүлнар Төлегенқызы", 25},
                     {"a2", "ӘҒҚҢӨҰҮҺІ әғқңөұүһі", 17}};
    r.by_outcome = {{"answered", catalog().text(Lang::kk, "app.state.answered"), 30},
                    {"refused", catalog().text(Lang::kk, "app.state.refused"), 4},
                    {"in_review", catalog().text(Lang::kk, "app.state.in_review"), 8}};
    r.clocks = {{"reg-29", "reg29_response_date", 30, 3, 1, 8},
                {"reg-32", "reg32_draft_refusal", 4, 0, 0, 1}};
    r.by_month = {{"2026-01", "қаңтар", 10}, {"2026-02", "ақпан", 12}, {"2026-03", "наурыз", 20}};
    r.survey = {12, 9, 7, 4.3};
    r.queue = {{"same_day", "reg-3", 120, 101, 9, 4, 6, 0},
               {"consultation", "", 80, 77, 3, 0, 0, 0}};
    return r;
}

TEST_CASE("reg-40: the quarter report prints as a PDF in Kazakh, letters and figures intact") {
    TempDir dir;
    std::string error;
    REQUIRE_MESSAGE(write_report_pdf(sample_report(), catalog(), Lang::kk, dir / "q1.pdf", &error),
                    error);
    CHECK(first_bytes(dir / "q1.pdf", 5) == "%PDF-");
    CHECK(pdf_pages(dir / "q1.pdf") == 2);
    std::string text = pdf_text(dir / "q1.pdf");
    for (const char* part :
         {"Қоғамдық қабылдау бөлмесінің жұмысы туралы есеп", "2026 жыл, 1-тоқсан",
          "Кезең: 01.01.2026 – 31.03.2026", "Кезеңде тіркелген жолданымдар",
          "Әбілқасымова Гүлнар Төлегенқызы", "ӘҒҚҢӨҰҮҺІ әғқңөұүһі", "«E-Otinish» жүйесі",
          "Қабылдау күнін хабарлау (29-тармақ)", "Мерзімі өтіп кетті", "Орташа баға (5-тен)", "4,3",
          "7 (78 %)", "48 %"})
        CHECK_MESSAGE(contains(text, part), "missing: " << std::string(part));
    CHECK_MESSAGE(text.find("…") == std::string::npos, "a cell is cut short:\n" << text);
    check_page_numbers(dir / "q1.pdf", Lang::kk);
    CHECK(!std::filesystem::exists(dir / "q1.pdf.part"));
}

TEST_CASE("reg-40: the quarter report prints in Russian, with a line where a table is empty") {
    TempDir dir;
    QuarterReport r = sample_report();
    r.title = "2026 год, 1-й квартал";
    r.by_official.clear();
    r.survey = {};
    std::string error;
    REQUIRE(write_report_pdf(r, catalog(), Lang::ru, dir / "q1.pdf", &error));
    std::string text = pdf_text(dir / "q1.pdf");
    for (const char* part : {"Отчёт о работе общественной приёмной", "2026 год, 1-й квартал",
                             "По должностным лицам", "Нет данных", "Средняя оценка (из 5)"})
        CHECK_MESSAGE(contains(text, part), "missing: " << std::string(part));
    check_page_numbers(dir / "q1.pdf", Lang::ru);
}

TEST_CASE("reg-40: a long report runs over numbered pages and nothing is wider than the page") {
    TempDir dir;
    QuarterReport r = sample_report();
    r.by_official.clear();
    for (int i = 0; i < 90; ++i)
        r.by_official.push_back(
            {"o" + std::to_string(i), "Қожахметова Әйгерім Нұрсұлтанқызы " + std::to_string(i), i});
    // A name far wider than its column: wrapped on four lines, then cut with "…".
    std::string endless;
    for (int i = 0; i < 60; ++i) endless += "Өңірлік ";
    r.by_official.push_back({"long", endless + "СОҢЫ", 1});
    r.by_channel[0].label = std::string(400, 'W'); // one word wider than the page
    std::string error;
    REQUIRE(write_report_pdf(r, catalog(), Lang::kk, dir / "long.pdf", &error));
    int pages = pdf_pages(dir / "long.pdf");
    CHECK(pages >= 4);
    check_page_numbers(dir / "long.pdf", Lang::kk);
    std::string text = pdf_text(dir / "long.pdf");
    CHECK(contains(text, "Қожахметова Әйгерім Нұрсұлтанқызы 89"));
    CHECK(contains(text, "…"));
    CHECK(!contains(text, "СОҢЫ"));
    CHECK(rightmost_word(dir / "long.pdf") <= 595.28 - 49);
    // The table's header is printed again on the pages it runs over.
    CHECK(contains(pdf_text(dir / "long.pdf", 3), "Лауазымды адам"));
}

TEST_CASE("reg-40: a report that cannot be written says why and leaves no file") {
    TempDir dir;
    std::string error;
    CHECK(
        !write_report_pdf(sample_report(), catalog(), Lang::kk, dir / "no/such/dir/q.pdf", &error));
    CHECK(contains(error, "no/such/dir/q.pdf"));
    CHECK(!std::filesystem::exists(dir / "no/such/dir/q.pdf"));
}

// The month's schedule ------------------------------------------------------------------

static void load_demo_schedule(Store& store) {
    std::ifstream in(assets() / "demo/schedule.json");
    load_schedule(store, profile(), calendar(), json::parse(in), at(2026, 1, 5));
}

static const json* session_on(const json& month, const std::string& date) {
    for (const auto& s : month["sessions"])
        if (s["date"] == date) return &s;
    return nullptr;
}

TEST_CASE("reg-8: the month's schedule exports as JSON with names, posts and rooms in kk and ru") {
    TestStore s;
    load_demo_schedule(*s);
    json march = schedule_month_json(*s, profile(), day(2026, 3, 17));
    CHECK(march["month"] == "2026-03");
    // 22 weekdays in March 2026, less 9 March and Nauryz on 23, 24 and 25 March.
    CHECK(march["sessions"].size() == 18);
    CHECK(march["officials_without_session"].empty());

    const json* akim = session_on(march, "2026-03-04");
    REQUIRE(akim);
    CHECK((*akim)["weekday"] == 3);
    CHECK((*akim)["official"] == "Жұмабаев Ерлан Серікұлы");
    CHECK((*akim)["role"] == "akim");
    CHECK((*akim)["position_kk"] == "Хромтау ауданының әкімі");
    CHECK((*akim)["position_ru"] == "Аким Хромтауского района");
    CHECK((*akim)["start"] == "15:00");
    CHECK((*akim)["end"] == "18:00");
    CHECK((*akim)["mode"] == "in_person");
    CHECK((*akim)["room_kk"] == "Қоғамдық қабылдау бөлмесі");
    CHECK((*akim)["room_ru"] == "Общественная приёмная");

    const json* deputy = session_on(march, "2026-03-05");
    REQUIRE(deputy);
    CHECK((*deputy)["official"] == "Қайыров Нұрлан Бауыржанұлы");
    CHECK((*deputy)["mode"] == "video");
    CHECK(!session_on(march, "2026-03-09")); // a day off: the Monday session is not held

    // In order of date, as the website lists them.
    for (size_t i = 1; i < march["sessions"].size(); ++i)
        CHECK(march["sessions"][i - 1]["date"] <= march["sessions"][i]["date"]);
}

TEST_CASE(
    "reg-7, reg-16: a cancelled session leaves the export — an official without one is listed") {
    TestStore s;
    load_demo_schedule(*s);
    // The akim's Wednesday of 4 March is cancelled (business trip); a new employee has no day yet.
    load_schedule(*s, profile(), calendar(), json::parse(R"({
        "officials": [{"uuid": "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d09", "surname": "Оспанов",
                       "name": "Дәурен", "role": "authorised_employee",
                       "position_kk": "Бас маман", "position_ru": "Главный специалист"}],
        "sessions": [{"uuid": "c0ffee00-0000-4000-8000-000020260304",
                      "official": "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01",
                      "room": "5b0c1a3e-7d2f-4e61-9a55-0f3b2c8d1e01", "date": "2026-03-04",
                      "start": "15:00", "end": "18:00", "cancelled": true,
                      "cancel_reason": "іссапар"}]})"),
                  at(2026, 2, 20));
    json march = schedule_month_json(*s, profile(), day(2026, 3, 1));
    CHECK(march["sessions"].size() == 17);
    CHECK(!session_on(march, "2026-03-04"));
    REQUIRE(march["officials_without_session"].size() == 1);
    CHECK(march["officials_without_session"][0]["official"] == "Оспанов Дәурен");
    CHECK(march["officials_without_session"][0]["position_ru"] == "Главный специалист");
}

TEST_CASE("reg-8: the month's schedule exports as PDF in Kazakh and Russian") {
    TestStore s;
    load_demo_schedule(*s);
    TempDir dir;
    std::string error;
    REQUIRE_MESSAGE(
        write_schedule_pdf(*s, catalog(), Lang::kk, day(2026, 11, 10), dir / "kk.pdf", &error),
        error);
    REQUIRE(write_schedule_pdf(*s, catalog(), Lang::ru, day(2026, 11, 10), dir / "ru.pdf", &error));
    CHECK(first_bytes(dir / "kk.pdf", 5) == "%PDF-");

    std::string kk = pdf_text(dir / "kk.pdf");
    for (const char* part :
         {"Қабылдау кестесі — 2026 ж. қараша", "Жұмабаев Ерлан Серікұлы", "Хромтау ауданының әкімі",
          "Әбілқасымова Гүлнар Төлегенқызы", "04.11.2026", "сәрсенбі", "15:00–18:00",
          "Бейнебайланыс арқылы", "Қоғамдық қабылдау бөлмесі"})
        CHECK_MESSAGE(contains(kk, part), "kk missing: " << std::string(part));
    std::string ru = pdf_text(dir / "ru.pdf");
    for (const char* part :
         {"График приёма — ноябрь 2026", "Жұмабаев Ерлан Серікұлы", "Аким Хромтауского района",
          "среда", "По видеосвязи", "Общественная приёмная"})
        CHECK_MESSAGE(contains(ru, part), "ru missing: " << std::string(part));
    CHECK(!contains(ru, "Хромтау ауданының әкімі"));
    CHECK_MESSAGE(kk.find("…") == std::string::npos, "a cell is cut short:\n" << kk);
    CHECK_MESSAGE(ru.find("…") == std::string::npos, "a cell is cut short:\n" << ru);
    check_page_numbers(dir / "kk.pdf", Lang::kk);
    check_page_numbers(dir / "ru.pdf", Lang::ru);
    CHECK(rightmost_word(dir / "kk.pdf") <= 595.28 - 49);
}

TEST_CASE("reg-8: a month without sessions prints a schedule that says so") {
    TestStore s;
    load_demo_schedule(*s);
    TempDir dir;
    std::string error;
    REQUIRE(write_schedule_pdf(*s, catalog(), Lang::kk, day(2025, 6, 1), dir / "june.pdf", &error));
    std::string text = pdf_text(dir / "june.pdf");
    CHECK(contains(text, "Қабылдау кестесі — 2025 ж. маусым"));
    CHECK(contains(text, "Бұл айда қабылдау жоқ"));
    CHECK(pdf_pages(dir / "june.pdf") == 1);
}

TEST_CASE("reg-27: the list of persons of a session prints in Kazakh and Russian, in order with "
          "times, needs and a place for the akim's decision") {
    TestStore s;
    load_demo_schedule(*s);
    ReceptionSession wed;
    for (const auto& x : sessions_between(*s, day(2026, 4, 22), day(2026, 4, 22)))
        if (x.official_uuid == "a1f4c2d0-3b5e-4c7a-8d9e-1f2a3b4c5d01") wed = x;
    REQUIRE_FALSE(wed.uuid.empty());
    auto book = [&](const std::string& surname, const std::string& category, bool interpreter) {
        Application a;
        a.channel = Channel::Kiosk;
        a.applicant.surname = surname;
        a.applicant.name = "Әйгерім";
        a.applicant.phone = "+77011234567";
        a.applicant.address = "Хромтау, Әйтеке би к-сі, 12";
        a.essence = "Ауладағы жолды жөндеу туралы мәселе";
        a.category = category;
        a.interpreter_needed = interpreter;
        a = register_application(*s, profile(), calendar(), a, "kiosk-1", at(2026, 4, 6));
        MoveInput in;
        in.to = AppState::InReview;
        in.actor = "responsible-1";
        move_and_notify(*s, profile(), calendar(), a.uuid, in, at(2026, 4, 6, 12));
        attach_note(*s, a.uuid, "date", "22 сәуірге ұсынылады", "responsible-1", at(2026, 4, 7));
        schedule_application(*s, profile(), calendar(), a.uuid, wed.uuid, false, "responsible-1",
                             at(2026, 4, 7, 12));
    };
    book("Сәрсенбаева", "", true);
    book("Ахметова", "disability", false); // out of turn: first
    TempDir dir;
    std::string error;
    for (Lang lang : {Lang::kk, Lang::ru})
        REQUIRE_MESSAGE(
            write_persons_list_pdf(*s, profile(), catalog(), lang, wed.uuid, at(2026, 4, 8),
                                   dir / (lang_code(lang) + std::string(".pdf")), &error),
            error);
    std::string kk = pdf_text(dir / "kk.pdf");
    for (const char* part :
         {"Жеке қабылдауға жазылған адамдардың тізімі", "Жұмабаев Ерлан Серікұлы", "22.04.2026",
          "15:00", "15:20", "Аудармашы керек", "Кезектен тыс: Мүгедектігі бар", "Әкімнің шешімі",
          "Күн ұсынылды"})
        CHECK_MESSAGE(contains(kk, part), "kk missing: " << std::string(part));
    CHECK(kk.find("Ахметова") < kk.find("Сәрсенбаева")); // reg-12 first, as received
    std::string ru = pdf_text(dir / "ru.pdf");
    for (const char* part : {"Список лиц, записанных на личный приём", "Нужен переводчик",
                             "Вне очереди: Лица с", "Решение акима", "Аким Хромтауского района"})
        CHECK_MESSAGE(contains(ru, part), "ru missing: " << std::string(part));
    check_page_numbers(dir / "kk.pdf", Lang::kk);
    CHECK(rightmost_word(dir / "kk.pdf") <= 595.28 - 49);
    CHECK_FALSE(write_persons_list_pdf(*s, profile(), catalog(), Lang::kk, "no-such",
                                       at(2026, 4, 8), dir / "x.pdf", &error));
    CHECK(error == "session_not_found");
}

TEST_CASE("reg-33: the hearing's protocol prints for signature as an A4 PDF in Kazakh and "
          "Russian, with every field of APPC art. 74") {
    TempDir dir;
    Application a;
    a.reg_number = "K1-2026-00042";
    a.applicant.surname = "Жұмағұлов";
    a.applicant.name = "Ерболат";
    a.essence = "Жеке үйге газ құбырын тарту туралы";
    Hearing h;
    h.held_on = day(2026, 4, 14);
    h.way = "in_person";
    h.start_minute = 15 * 60;
    h.end_minute = 15 * 60 + 40;
    h.place = "12-кабинет";
    h.chaired_by = "Қайыров Нұрлан Бауыржанұлы";
    h.secretary = "Әбенова Динара Серікқызы";
    h.participants = "Жұмағұлов Е.";
    h.applicant_present = true;
    h.no_objections = true;
    h.conclusion = "refuse";
    h.reasons = "Құбыр «ҚазТрансГаз Аймақ» АҚ меншігінде";
    for (Lang lang : {Lang::kk, Lang::ru}) {
        CAPTURE(lang_code(lang));
        auto pdf = dir / (std::string("hearing.") + lang_code(lang) + ".pdf");
        std::string error;
        REQUIRE(write_hearing_protocol(h, a, catalog(), lang, pdf.string(), &error));
        CHECK(first_bytes(pdf, 5) == "%PDF-");
        CHECK(pdf_pages(pdf) == 1); // one A4 sheet to sign
        std::string text = pdf_text(pdf);
        auto t = [&](const char* key) { return catalog().text(lang, key); };
        for (const std::string& part :
             {t("hearing_pdf.title"), a.reg_number, a.essence, std::string("14.04.2026"),
              std::string("15:00 – 15:40"), t("console.case.way.in_person"), h.place, h.secretary,
              h.participants, t("console.case.no_objections"), t("console.case.conclusion.refuse"),
              h.reasons})
            CHECK_MESSAGE(contains(text, part), part);
        // APPC art. 74: signed by the one who chaired and the secretary.
        CHECK(contains(
            text, catalog().format(lang, "hearing_pdf.signed_chair", {{"name", h.chaired_by}})));
        CHECK(contains(
            text, catalog().format(lang, "hearing_pdf.signed_secretary", {{"name", h.secretary}})));
    }
}

TEST_CASE("reg-40: the quarter report has each desk's figures, in kk and ru, and in the CSV") {
    TestStore s;
    auto t = [](int h, int m) { return at(2026, 3, 16, h, m); };
    Desk d = open_desk(*s, profile(), "main", "4", {"same_day"}, "clerk4", t(9, 0));
    Ticket a = issue_ticket(*s, profile(), {"main", "same_day", "", "kk", "k"}, t(9, 0));
    call_next_at_desk(*s, profile().queue_policy, d.uuid, "clerk4", t(9, 6));
    start_ticket(*s, a.uuid, "clerk4", t(9, 6));
    finish_ticket(*s, a.uuid, "clerk4", t(9, 30));
    close_desk(*s, d.uuid, "clerk4", t(10, 0));
    QuarterReport r =
        quarter_report(*s, profile(), calendar(), catalog(), Lang::kk, 2026, 1, day(2026, 4, 10));
    REQUIRE(r.desks.size() == 1);
    CHECK(r.desks[0].served == 1);
    std::string csv = report_csv(r);
    for (const char* line :
         {"desk_served,main/4,,1\r\n", "desk_wait_minutes,main/4,average,6\r\n",
          "desk_service_minutes,main/4,average,24\r\n", "desk_idle_minutes,main/4,total,36\r\n"})
        CHECK_MESSAGE(csv.find(line) != std::string::npos, "missing: " << std::string(line));
    TempDir dir;
    for (Lang l : {Lang::kk, Lang::ru}) {
        std::string error;
        REQUIRE_MESSAGE(write_report_pdf(r, catalog(), l, dir / "q.pdf", &error), error);
        std::string text = pdf_text(dir / "q.pdf");
        for (const char* key :
             {"report.desks", "console.desk.stats_idle", "console.desk.stats_note"})
            CHECK_MESSAGE(contains(text, catalog().text(l, key)), "missing: " << key);
        CHECK(contains(text, "main · 4"));
        CHECK(contains(text, "24"));
        CHECK(contains(text, "36"));
    }
}
