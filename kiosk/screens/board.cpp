// The waiting-room board (reception-kiosk --board): the room and today's hours, the tickets
// being called and their desks, the last calls, and how many wait for each service, in Kazakh
// and Russian at once, readable from 5 m. Ticket numbers only, never a name or a category.
// Landscape: the calls on the left, the queues on the right; portrait: the queues at the bottom.
#include "board.hpp"

#include "regulation/calendar.hpp"
#include "regulation/profile.hpp"
#include "schedule/schedule.hpp"

#include <algorithm>
#include <cfloat>

namespace reception::kiosk {

// Texts
using Args = std::vector<std::pair<std::string, std::string>>;

static ImVec2 text_size(ImFont* f, float wrap, const std::string& s) {
    return f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap, s.c_str());
}

static float width_of(ImFont* f, const std::string& s) {
    return text_size(f, 0, s).x;
}

// Kazakh and Russian: "kk / ru" on one line when it fits the width, else one under the other.
static std::vector<std::string> both_lines(ImFont* f, float width, const std::string& kk,
                                           const std::string& ru) {
    std::string one = kk + " / " + ru;
    if (width_of(f, one) <= width) return {one};
    return {kk, ru};
}

static std::vector<std::string> both_lines(const Catalog& c, ImFont* f, float width,
                                           const std::string& key, const Args& args = {}) {
    return both_lines(f, width, c.format(Lang::kk, key, args), c.format(Lang::ru, key, args));
}

static float lines_height(ImFont* f, float width, const std::vector<std::string>& lines) {
    float h = 0;
    for (const auto& l : lines) h += text_size(f, width, l).y;
    return h;
}

static bool lines_fit(ImFont* f, float width, const std::vector<std::string>& lines) {
    for (const auto& l : lines)
        if (width_of(f, l) > width) return false;
    return true;
}

static Args hours_args(const OpeningHours& h) {
    return {{"start", hhmm(h.start)},
            {"end", hhmm(h.end)},
            {"lunch_start", hhmm(h.lunch_start)},
            {"lunch_end", hhmm(h.lunch_end)}};
}

// Drawing
// Where the board draws and what it drew. Without a draw list it only measures: the portrait
// layout sizes the calls before it gives the rest of the screen to the queues.
struct Pen {
    BoardState& board;
    ui::Ui& ui;
    const Catalog& texts;
    ImDrawList* dl; // nullptr: measure only
    Instant now;
    ImFont* big() const { return ui.fonts.board ? ui.fonts.board : ui.fonts.large; }
};

// Every text goes through put(), which records it in board.drawn. Returns its height.
static float put(Pen& pen, ImFont* f, ImVec2 p, float width, const std::string& s,
                 ImU32 color = ui::colors::kText) {
    ImVec2 size = text_size(f, width, s);
    if (!pen.dl) return size.y;
    pen.dl->AddText(f, f->FontSize, p, color, s.c_str(), nullptr, width);
    pen.board.drawn.push_back({s, f, p, ImVec2(p.x + size.x, p.y + size.y)});
    return size.y;
}

static float put_lines(Pen& pen, ImFont* f, ImVec2 p, float width,
                       const std::vector<std::string>& lines, ImU32 color = ui::colors::kText) {
    float y = p.y;
    for (const auto& l : lines) y += put(pen, f, ImVec2(p.x, y), width, l, color);
    return y - p.y;
}

// Each line in the middle of the width (a line too long wraps from the left edge).
static float put_centered(Pen& pen, ImFont* f, ImVec2 p, float width,
                          const std::vector<std::string>& lines, ImU32 color) {
    float y = p.y;
    for (const auto& l : lines) {
        float x = p.x + std::max(0.0f, (width - width_of(f, l)) / 2);
        y += put(pen, f, ImVec2(x, y), width - (x - p.x), l, color);
    }
    return y - p.y;
}

static void card(Pen& pen, ImVec2 min, ImVec2 max, ImU32 color) {
    if (pen.dl) pen.dl->AddRectFilled(min, max, color, pen.ui.px(16));
}

// The top: the room's name and the clock, then today's hours (or "closed today").
static float draw_header(Pen& pen, ImVec2 p, float width) {
    ImFont* large = pen.ui.fonts.large;
    ImFont* big = pen.big();
    const BoardState& b = pen.board;
    std::string clock = hhmm(local_minute_of_day(pen.now));
    float clock_w = width_of(big, clock);
    put(pen, big, ImVec2(p.x + width - clock_w, p.y), 0, clock);
    float name_w = width - clock_w - pen.ui.px(40);
    float y = p.y;
    if (!b.room_kk.empty())
        y += put_lines(pen, large, p, name_w, both_lines(large, name_w, b.room_kk, b.room_ru));
    y = std::max(y, p.y + big->FontSize);
    const OpeningHours& h = b.hours;
    const char* key = !h.open                        ? "ui.board_closed"
                      : h.lunch_start == h.lunch_end ? "ui.board_hours_no_break"
                                                     : "ui.board_hours";
    y += put_lines(pen, large, ImVec2(p.x, y), width,
                   both_lines(pen.texts, large, width, key, hours_args(h)),
                   h.open ? ui::colors::kText : ui::colors::kError);
    if (b.same_day) { // reg-3: the room's last hour, same-day visitors still waiting
        std::string end = hhmm(b.same_day->closes_at);
        y += pen.ui.px(8);
        y += put_lines(pen, large, ImVec2(p.x, y), width,
                       both_lines(large, width,
                                  pen.texts.format(Lang::kk, "ui.board_same_day_left",
                                                   {{"end", end}, {"service", b.same_day_kk}}),
                                  pen.texts.format(Lang::ru, "ui.board_same_day_left",
                                                   {{"end", end}, {"service", b.same_day_ru}})),
                       ui::colors::kButton);
    }
    y += pen.ui.px(16);
    if (pen.dl)
        pen.dl->AddLine(ImVec2(p.x, y), ImVec2(p.x + width, y), ui::colors::kMuted, pen.ui.px(2));
    return y + pen.ui.px(20) - p.y;
}

// Calls
// One call on a line: the number, an arrow, then the desk, or for a transfer where the visitor
// waits now. Measured before it is drawn: a row that does not fit is left out whole.
struct CallRow {
    std::string number;
    std::vector<std::string> lines;
    bool moved = false;
};

// Where the rows' columns are: numbers, arrows, texts.
struct RowColumns {
    float number_x, arrow_x, text_x, text_w;
};

static RowColumns row_columns(Pen& pen, ImVec2 p, float width) {
    ImFont* big = pen.big();
    // As wide as the widest number shown, so the desks line up under each other.
    float number_w = width_of(big, "A-000");
    for (const auto& t : pen.board.calls.calling)
        number_w = std::max(number_w, width_of(big, t.number));
    for (const auto& c : pen.board.calls.recent)
        number_w = std::max(number_w, width_of(big, c.ticket.number));
    float gap = pen.ui.px(20);
    RowColumns col{p.x + pen.ui.px(16), 0, 0, 0};
    col.arrow_x = col.number_x + number_w + gap;
    col.text_x = col.arrow_x + width_of(pen.ui.fonts.large, "→") + gap;
    col.text_w = p.x + width - pen.ui.px(16) - col.text_x;
    return col;
}

static CallRow call_row(Pen& pen, const BoardCall& call, float width) {
    ImFont* large = pen.ui.fonts.large;
    CallRow r{call.ticket.number, {}, !call.moved_to.empty()};
    if (!r.moved) {
        r.lines = both_lines(pen.texts, large, width, "ui.desk", {{"desk", call.ticket.desk}});
        return r;
    }
    std::string kk = call.moved_to, ru = call.moved_to;
    for (const auto& q : pen.board.queues)
        if (q.service == call.moved_to) kk = q.name_kk, ru = q.name_ru;
    r.lines =
        both_lines(large, width, pen.texts.format(Lang::kk, "ui.board_moved", {{"service", kk}}),
                   pen.texts.format(Lang::ru, "ui.board_moved", {{"service", ru}}));
    return r;
}

static float row_height(Pen& pen, const CallRow& r, float text_w) {
    return std::max(pen.big()->FontSize, lines_height(pen.ui.fonts.large, text_w, r.lines)) +
           pen.ui.px(16);
}

static void draw_row(Pen& pen, const CallRow& r, const RowColumns& col, float y, float h) {
    ImFont* big = pen.big();
    ImFont* large = pen.ui.fonts.large;
    ImU32 color = r.moved ? ui::colors::kMuted : ui::colors::kText;
    float mid = y + h / 2;
    put(pen, big, ImVec2(col.number_x, mid - big->FontSize / 2), 0, r.number, color);
    put(pen, large, ImVec2(col.arrow_x, mid - large->FontSize / 2), 0, "→", color);
    float text_h = lines_height(large, col.text_w, r.lines);
    put_lines(pen, large, ImVec2(col.text_x, mid - text_h / 2), col.text_w, r.lines, color);
}

// The newest call in the huge font on a card, its desk in Kazakh and Russian beside it.
static float draw_first_call(Pen& pen, const Ticket& t, ImVec2 p, float width) {
    ImFont* big = pen.big();
    ImFont* huge = pen.ui.fonts.huge;
    float pad = pen.ui.px(24);
    float number_w = width_of(huge, t.number);
    float text_x = p.x + pad + number_w + pad + width_of(big, "→") + pad;
    float text_w = p.x + width - pad - text_x;
    Args desk = {{"desk", t.desk}};
    std::vector<std::string> lines = {pen.texts.format(Lang::kk, "ui.desk", desk),
                                      pen.texts.format(Lang::ru, "ui.desk", desk)};
    // A narrow screen or a long desk name: the desk in the smaller heading font.
    ImFont* desk_font = lines_fit(big, text_w, lines) ? big : pen.ui.fonts.large;
    float text_h = lines_height(desk_font, text_w, lines);
    float h = std::max(huge->FontSize, text_h) + 2 * pad;
    bool fresh = pen.now < pen.board.highlight_until;
    card(pen, p, ImVec2(p.x + width, p.y + h),
         fresh ? ui::colors::kHighlight : ui::colors::kSecondary);
    float mid = p.y + h / 2;
    put(pen, huge, ImVec2(p.x + pad, mid - huge->FontSize / 2), 0, t.number);
    put(pen, big, ImVec2(p.x + pad + number_w + pad, mid - big->FontSize / 2), 0, "→");
    put_lines(pen, desk_font, ImVec2(text_x, mid - text_h / 2), text_w, lines);
    return h;
}

// Nobody called now: a card says why, so the place is not taken for a broken screen. On a
// quiet board (closed, or nobody called yet) it fills the column down to `bottom`.
static float draw_no_call(Pen& pen, ImVec2 p, float width, float bottom, bool quiet) {
    const BoardState& b = pen.board;
    ImFont* large = pen.ui.fonts.large;
    float pad = pen.ui.px(24), inner = width - 2 * pad;
    bool called_today = !b.calls.recent.empty();
    const char* title_key = !b.hours.open  ? "ui.board_closed"
                            : called_today ? "ui.board_wait"
                                           : "ui.board_empty";
    std::vector<std::string> title = {pen.texts.text(Lang::kk, title_key),
                                      pen.texts.text(Lang::ru, title_key)};
    ImFont* title_font = quiet && lines_fit(pen.big(), inner, title) ? pen.big() : large;
    std::vector<std::string> note;
    if (!b.hours.open) {
        Args next = hours_args(b.next_hours);
        next.push_back({"date", dotted_date(b.next_day)});
        note = both_lines(pen.texts, large, inner, "ui.board_next_day", next);
    } else if (quiet)
        note = both_lines(pen.texts, large, inner, "ui.board_take_ticket");
    float gap = note.empty() ? 0 : pen.ui.px(30);
    float text_h = lines_height(title_font, inner, title) + gap + lines_height(large, inner, note);
    float h = text_h + 2 * pad;
    if (quiet && pen.dl) h = std::max(h, bottom - p.y);
    card(pen, p, ImVec2(p.x + width, p.y + h), ui::colors::kSecondary);
    float y = p.y + (h - text_h) / 2;
    y += put_centered(pen, title_font, ImVec2(p.x + pad, y), inner, title,
                      b.hours.open ? ui::colors::kMuted : ui::colors::kError) +
         gap;
    put_centered(pen, large, ImVec2(p.x + pad, y), inner, note, ui::colors::kMuted);
    return h;
}

// The column of calls, from p down to bottom: who is called now, then the last calls, as many
// as fit. Returns the height it took.
static float draw_calls(Pen& pen, ImVec2 p, float width, float bottom) {
    const BoardState& b = pen.board;
    ImFont* large = pen.ui.fonts.large;
    float gap = pen.ui.px(20);
    float y = p.y;
    y += put_lines(pen, large, ImVec2(p.x, y), width,
                   both_lines(pen.texts, large, width, "ui.now_calling"), ui::colors::kMuted) +
         gap / 2;
    std::vector<BoardCall> recent;
    for (const auto& r : b.calls.recent)
        if (pen.now < r.shown_until) recent.push_back(r);
    const auto& calling = b.calls.calling;
    if (calling.empty()) {
        bool quiet = recent.empty();
        y += draw_no_call(pen, ImVec2(p.x, y), width, bottom, quiet) + gap;
        if (quiet) return y - gap - p.y;
    } else {
        y += draw_first_call(pen, calling.front(), ImVec2(p.x, y), width) + gap;
    }
    RowColumns col = row_columns(pen, p, width);
    // Other desks calling at the same time, on a card each.
    for (size_t i = 1; i < calling.size(); ++i) {
        CallRow r = call_row(pen, {calling[i], "", Instant::max()}, col.text_w);
        float h = row_height(pen, r, col.text_w);
        if (y + h > bottom) return y - p.y;
        card(pen, ImVec2(p.x, y), ImVec2(p.x + width, y + h), ui::colors::kSecondary);
        draw_row(pen, r, col, y, h);
        y += h + gap / 2;
    }
    y += gap / 2;
    // The last calls under their heading; when there are none, where tickets are taken.
    auto heading = both_lines(pen.texts, large, width,
                              recent.empty() ? "ui.board_take_ticket" : "ui.last_calls");
    float heading_h = lines_height(large, width, heading) + gap / 2;
    std::vector<CallRow> rows;
    for (const auto& call : recent) rows.push_back(call_row(pen, call, col.text_w));
    float first_h = rows.empty() ? 0 : row_height(pen, rows.front(), col.text_w);
    if (y + heading_h + first_h > bottom) return y - p.y;
    y += put_lines(pen, large, ImVec2(p.x, y), width, heading, ui::colors::kMuted) + gap / 2;
    for (const auto& r : rows) {
        float h = row_height(pen, r, col.text_w);
        if (y + h > bottom) break;
        draw_row(pen, r, col, y, h);
        y += h;
    }
    return y - p.y;
}

// Queues
// How many wait for each service: the names in Kazakh and Russian, the count in large digits,
// so a visitor sees how long the queue is. The cards share `height` (up to a card the count's
// huge digits fill); with less they keep their natural size, in smaller digits and then a
// smaller font if that makes them fit, and a card that fits in no way is left out whole. Returns
// the height it took. Under a queue's names: about how long a ticket taken now would wait, in both
// languages (queue/queue_position.hpp), or "not known yet".
static std::vector<std::string> wait_lines(const Catalog& c, ImFont* f, float width,
                                           const BoardQueue& q) {
    if (q.waiting == 0) return both_lines(c, f, width, "ui.board_wait_none");
    if (!q.minutes) return both_lines(c, f, width, "ui.board_wait_unknown");
    return both_lines(c, f, width, "ui.board_wait_minutes",
                      {{"minutes", std::to_string(std::max(1, *q.minutes))}});
}

// A queue's card as it will be drawn: its lines and natural height.
struct QueueCard {
    std::vector<std::string> lines;
    float lines_h = 0, natural = 0;
};

static std::vector<QueueCard> queue_cards(Pen& pen, ImFont* large, float name_w, float gap) {
    std::vector<QueueCard> cards;
    for (const auto& q : pen.board.queues) {
        QueueCard c;
        c.lines = {q.name_kk, q.name_ru};
        for (const auto& l : wait_lines(pen.texts, large, name_w, q)) c.lines.push_back(l);
        c.lines_h = lines_height(large, name_w, c.lines);
        c.natural = std::max(pen.big()->FontSize, c.lines_h) + gap;
        cards.push_back(std::move(c));
    }
    return cards;
}

// As draw_queues lays them out: a half gap between two cards, none after the last.
static float cards_height(const std::vector<QueueCard>& cards, float gap) {
    float h = 0;
    for (const auto& c : cards) h += c.natural + gap / 2;
    return cards.empty() ? 0 : h - gap / 2;
}

static float draw_queues(Pen& pen, ImVec2 p, float width, float height) {
    const BoardState& b = pen.board;
    ImFont* large = pen.ui.fonts.large;
    float gap = pen.ui.px(20);
    auto heading = both_lines(pen.texts, large, width, "ui.board_waiting");
    float y = p.y + put_lines(pen, large, p, width, heading, ui::colors::kMuted) + gap / 2;
    if (b.queues.empty()) return y - p.y;
    // height 0: measured at their natural size (the portrait layout asks so), nothing left out.
    float bottom = height > 0 ? p.y + height : FLT_MAX;
    // The counts in the huge digits while every card fits so; else in the board's font, which
    // leaves the names more width and fewer lines; else the words in the body font too: every
    // service is shown (a visitor looks for theirs), and a card that fits in no way is left
    // out whole, never cut.
    ImFont* digits = pen.ui.fonts.huge;
    ImFont* words = large;
    auto name_width = [&](ImFont* f) {
        float count_w = 0;
        for (const auto& q : b.queues)
            count_w = std::max(count_w, width_of(f, std::to_string(q.waiting)));
        return width - count_w - 2 * gap;
    };
    float name_w = name_width(digits);
    std::vector<QueueCard> cards = queue_cards(pen, words, name_w, gap);
    if (y + cards_height(cards, gap) > bottom) {
        digits = pen.big();
        name_w = name_width(digits);
        cards = queue_cards(pen, words, name_w, gap);
    }
    if (y + cards_height(cards, gap) > bottom) {
        words = pen.ui.fonts.body;
        cards = queue_cards(pen, words, name_w, gap);
    }
    ImFont* huge = pen.ui.fonts.huge;
    // One height for every card when each fits in its share; else each its own, the room
    // left over shared out, so no card takes the place of the next.
    float share = (p.y + height - y) / float(b.queues.size()) - gap / 2;
    float tallest = 0;
    for (const auto& c : cards) tallest = std::max(tallest, c.natural);
    float spare = std::max(0.0f, p.y + height - y - cards_height(cards, gap)) / float(cards.size());
    for (size_t i = 0; i < cards.size(); ++i) {
        const QueueCard& c = cards[i];
        float cap = std::max(c.natural, huge->FontSize + 2 * gap);
        float h =
            share >= tallest ? std::clamp(share, c.natural, cap) : std::min(c.natural + spare, cap);
        if (y + h > bottom) break;
        // The count in the huge digits when the card is tall and they were chosen.
        ImFont* count_font = digits == huge && h >= huge->FontSize + gap ? huge : pen.big();
        std::string n = std::to_string(b.queues[i].waiting);
        card(pen, ImVec2(p.x, y), ImVec2(p.x + width, y + h), ui::colors::kSecondary);
        put_lines(pen, words, ImVec2(p.x + gap, y + (h - c.lines_h) / 2), name_w, c.lines);
        put(pen, count_font,
            ImVec2(p.x + width - gap - width_of(count_font, n), y + (h - count_font->FontSize) / 2),
            0, n);
        y += h + gap / 2;
    }
    return y - gap / 2 - p.y;
}

// The screen
void draw_board(const Catalog& texts, ui::Ui& ui, BoardState& board, Instant now) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    // The screen's own window draws no background: the frame is cleared to white already.
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 0));
    ImGui::Begin("board", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleColor();
    board.drawn.clear();
    Pen pen{board, ui, texts, ImGui::GetWindowDrawList(), now};
    Pen measure{board, ui, texts, nullptr, now};
    float pad = ui.px(40), gap = ui.px(40);
    float w = io.DisplaySize.x - 2 * pad, bottom = io.DisplaySize.y - pad;
    float y = pad + draw_header(pen, ImVec2(pad, pad), w);
    if (io.DisplaySize.y > io.DisplaySize.x) {
        // Portrait: the calls take what they need, the queues at the bottom the rest.
        float calls_h = draw_calls(measure, ImVec2(pad, y), w, FLT_MAX);
        float least = draw_queues(measure, ImVec2(pad, y), w, 0);
        float most = draw_queues(measure, ImVec2(pad, y), w, bottom - y);
        float queues_h = std::clamp(bottom - y - calls_h - gap, least, most);
        draw_calls(pen, ImVec2(pad, y), w, bottom - queues_h - gap);
        draw_queues(pen, ImVec2(pad, bottom - queues_h), w, queues_h);
    } else {
        float calls_w = (w - gap) * 0.62f;
        draw_calls(pen, ImVec2(pad, y), calls_w, bottom);
        draw_queues(pen, ImVec2(pad + calls_w + gap, y), w - calls_w - gap, bottom - y);
    }
    ImGui::End();
}

} // namespace reception::kiosk
