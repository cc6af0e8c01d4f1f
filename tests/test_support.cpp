#include "test_support.hpp"

#include "base/assets.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

namespace reception::test {

TempDir::TempDir() {
    char tmpl[] = "/tmp/reception-test-XXXXXX";
    path = mkdtemp(tmpl);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

std::filesystem::path assets() {
    return assets_dir();
}

const RegulationProfile& profile() {
    static RegulationProfile p = load_profile(assets() / "regulations/khromtau-2023-133.json");
    return p;
}

const WorkCalendar& calendar() {
    static WorkCalendar c = WorkCalendar::load_dir(assets() / "calendar");
    return c;
}

ReceptionHeld checked_reception(const std::string& application_uuid) {
    ReceptionHeld h;
    h.application_uuid = application_uuid;
    h.id_document = "Жеке куәлік № 045612378";
    h.id_checked = true;
    h.attendees = "Тұрғын үй-коммуналдық шаруашылық бөлімінің басшысы";
    h.decision = "Өтініш қаралды, жауап берілді";
    return h;
}

const Catalog& catalog() {
    static Catalog c = Catalog::load_dir(assets() / "i18n");
    return c;
}

TestStore::TestStore() {
    store = Store::open(dir / "store.db", OpenMode::CreateIfMissing);
    store->transaction([&] { store->set_meta("terminal_id", "K1"); });
}

Instant at(int y, unsigned m, unsigned d, int hour, int minute) {
    return local_instant(make_date(y, m, d), hour * 60 + minute);
}

Date day(int y, unsigned m, unsigned d) {
    return make_date(y, m, d);
}

int run_command(const std::string& cmd, std::string* out) {
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return -1;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
        if (out) out->append(buf.data(), n);
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace reception::test
