#include "store/store_backup.hpp"

#include "base/errors.hpp"
#include "store/private_files.hpp"

#include <algorithm>
#include <ctime>
#include <vector>

namespace reception {

void backup_store(Store& db, const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::exists(file, ec))
        throw StoreError("backup_exists", file.string() + " exists already");
    std::filesystem::path part = file;
    part += ".part";
    std::filesystem::remove(part, ec); // a copy a crash left half-made
    db.prepare("VACUUM INTO ?1").bind(1, part.string()).run();
    restrict_file_mode(part, private_file_mode(part));
    std::filesystem::rename(part, file, ec);
    if (ec) throw StoreError("backup_failed", file.string() + ": " + ec.message());
}

static std::string stamp(Instant now) {
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

// The copies of prefix in folder, oldest first (the names sort by time).
static std::vector<std::filesystem::path> copies_of(const std::filesystem::path& folder,
                                                    const std::string& prefix) {
    std::vector<std::filesystem::path> out;
    for (const auto& e : std::filesystem::directory_iterator(folder)) {
        std::string name = e.path().filename().string();
        if (name.rfind(prefix + "-", 0) == 0 && e.path().extension() == ".db")
            out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::filesystem::path backup_into_folder(Store& db, const std::filesystem::path& folder,
                                         const std::string& prefix, int keep, Instant now) {
    create_private_directory(folder);
    std::filesystem::path file = folder / (prefix + "-" + stamp(now) + ".db");
    backup_store(db, file);
    if (keep <= 0) return file;
    auto copies = copies_of(folder, prefix);
    for (size_t i = 0; i + size_t(keep) < copies.size(); ++i) std::filesystem::remove(copies[i]);
    return file;
}

} // namespace reception
