#include "printout.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace reception::print {

// Layout
static std::vector<std::string> wrap(TextPainter& p, const std::string& text, int px, int width) {
    std::vector<std::string> out;
    std::string line, word;
    auto flush_word = [&] {
        std::string candidate = line.empty() ? word : line + " " + word;
        if (!line.empty() && p.text_width(candidate, px) > width) {
            out.push_back(line);
            line = word;
        } else {
            line = candidate;
        }
        word.clear();
    };
    for (char c : text) {
        if (c == ' ')
            flush_word();
        else
            word += c;
    }
    flush_word();
    if (!line.empty()) out.push_back(line);
    return out;
}

Raster render_lines(TextPainter& p, const std::vector<PrintLine>& lines, int width) {
    const int margin = 16;
    struct Placed {
        std::string text;
        int px;
        bool center;
    };
    std::vector<Placed> placed;
    int height = margin;
    for (const auto& l : lines)
        for (const auto& part : wrap(p, l.text, l.pixel_size, width - 2 * margin)) {
            placed.push_back({part, l.pixel_size, l.center});
            height += l.pixel_size * 5 / 4;
        }
    Raster r = blank_raster(width, height + margin);
    int y = margin;
    for (const auto& l : placed) {
        y += l.px * 5 / 4;
        int baseline = y - l.px / 4;
        if (l.center)
            p.draw_centered(r, l.text, baseline, l.px);
        else
            p.draw(r, l.text, margin, baseline, l.px);
    }
    return r;
}

// Targets
static PrintResult write_all(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return {false, std::string("write: ") + std::strerror(errno)};
        done += size_t(n);
    }
    return {true, ""};
}

static PrintResult send_tcp(const std::string& host, const std::string& port,
                            const std::string& bytes) {
    addrinfo hints{}, *res = nullptr;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host.c_str(), port.c_str(), &hints, &res) != 0 || !res)
        return {false, "cannot resolve " + host};
    int fd = socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int rc = fd < 0 ? -1 : connect(fd, res->ai_addr, res->ai_addrlen);
    freeaddrinfo(res);
    if (fd < 0) return {false, "socket failed"};
    if (rc != 0 && errno == EINPROGRESS) {
        // A printer that is off must not freeze the kiosk: wait at most 3 s for it.
        pollfd pfd{fd, POLLOUT, 0};
        int err = 0;
        socklen_t len = sizeof err;
        if (poll(&pfd, 1, 3000) != 1 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 ||
            err) {
            close(fd);
            return {false, "printer " + host + ":" + port + " does not answer"};
        }
    } else if (rc != 0) {
        close(fd);
        return {false, std::string("connect: ") + std::strerror(errno)};
    }
    fcntl(fd, F_SETFL, 0);
    timeval tv{3, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    PrintResult r = write_all(fd, bytes);
    close(fd);
    return r;
}

PrintResult send_to_printer(const std::string& target, const std::string& bytes) {
    if (target.empty()) return {false, "no printer configured"};
    if (target.rfind("file:", 0) == 0) {
        std::ofstream out(target.substr(5), std::ios::binary | std::ios::app);
        out << bytes;
        return out ? PrintResult{true, ""} : PrintResult{false, "cannot write " + target};
    }
    if (target[0] == '/') {
        int fd = ::open(target.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) return {false, target + ": " + std::strerror(errno)};
        PrintResult r = write_all(fd, bytes);
        ::close(fd);
        return r;
    }
    size_t colon = target.rfind(':');
    if (colon == std::string::npos) return {false, "printer target not understood: " + target};
    return send_tcp(target.substr(0, colon), target.substr(colon + 1), bytes);
}

} // namespace reception::print
