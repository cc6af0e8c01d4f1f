// Where the data files are (regulation profiles, calendars, translations, demo data):
//   1. $RECEPTION_ASSETS, when set;
//   2. ../share/reception beside the running program, when it is there: an installed program
//      (/usr/bin/x → /usr/share/reception) and a relocated one (DESTDIR, a chroot) alike;
//   3. the source tree's assets/ the build was configured with (programs run from build/).
#pragma once
#include <filesystem>

namespace reception {
std::filesystem::path assets_dir();
} // namespace reception
