// Checks that screenshots are real pictures: each PNG given on the command line must open, be
// at least 640x480, and not be blank (a frame that never drew is one flat colour). A screen is
// called blank when fewer than 1% of its pixels differ from the top-left pixel.
#include <cstdio>
#include <cstdlib>
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

static bool check(const char* file) {
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load(file, &w, &h, &n, 3);
    if (!px) {
        std::printf("FAIL %s: cannot read (%s)\n", file, stbi_failure_reason());
        return false;
    }
    long differing = 0;
    for (long i = 0; i < long(w) * h; ++i)
        for (int c = 0; c < 3; ++c)
            if (px[i * 3 + c] != px[c]) {
                ++differing;
                break;
            }
    stbi_image_free(px);
    bool ok = w >= 640 && h >= 480 && differing * 100 >= long(w) * h;
    std::printf("%s %s: %dx%d, %ld pixels differ from the corner\n", ok ? "ok  " : "FAIL", file, w,
                h, differing);
    return ok;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: png-check FILE.png...\n");
        return 2;
    }
    bool all = true;
    for (int i = 1; i < argc; ++i) all = check(argv[i]) && all;
    return all ? 0 : 1;
}
