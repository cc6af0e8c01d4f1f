#include "out_of_order.hpp"

#include <cstdio>

namespace reception::kiosk {

void OutOfOrder::fail(const std::string& error_code, const std::string& what, Instant now) {
    if (!active || code != error_code)
        std::fprintf(stderr, "<3>reception-kiosk: out of order: %s: %s\n", error_code.c_str(),
                     what.c_str());
    if (!active) since = now;
    active = true;
    code = error_code;
    detail = what;
    next_probe = now + kProbeEvery;
}

bool OutOfOrder::probe(Store& store, const std::string& kiosk_id, Instant now) {
    if (!active) return true;
    if (now < next_probe) return false;
    next_probe = now + kProbeEvery;
    try {
        // A write, not a read: a full disk or a read-only file reads fine. And one as large as a
        // ticket's or a sign-up's, so a tiny write into the last free page does not bring the
        // kiosk back only to fail the next visitor.
        std::string key = "kiosk.probe." + kiosk_id;
        store.transaction([&] {
            store.set_meta(key, std::string(16384, ' '));
            store.set_meta(key, format_instant(now));
        });
    } catch (const StoreError& e) {
        fail(e.code, e.what(), now);
        return false;
    }
    std::fprintf(stderr, "<5>reception-kiosk: the store works again (%s is over)\n", code.c_str());
    active = false;
    return true;
}

void draw_out_of_order(const Catalog& texts, ui::Ui& ui, const OutOfOrder& o) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("out-of-order", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::Dummy(ImVec2(0, io.DisplaySize.y * 0.25f));
    // Both languages at once: the visitor may not have chosen one yet.
    for (Lang l : {Lang::kk, Lang::ru}) {
        ui.centered_text(texts.text(l, "ui.out_of_order"), ui.fonts.large);
        ui.centered_text(texts.text(l, "ui.out_of_order_ask_staff"));
        ImGui::Dummy(ImVec2(0, ui.px(40)));
    }
    // For staff passing by: what failed, in the kiosk's words and SQLite's.
    ImGui::SetCursorPosY(io.DisplaySize.y - ui.px(140));
    std::string key = "error." + o.code;
    std::string reason =
        texts.has(Lang::kk, key) ? texts.format(Lang::kk, key, {{"path", ""}}) : o.code;
    ui.text(reason, nullptr, ui::colors::kMuted);
    ui.text(o.detail, nullptr, ui::colors::kMuted);
    ImGui::End();
}

} // namespace reception::kiosk
