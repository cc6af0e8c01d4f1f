#include "x_session.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XTest.h>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace reception::xtest {

// The X server
XServer::XServer(int w, int h) : width(w), height(h) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        std::string fd = std::to_string(fds[1]);
        std::string screen = std::to_string(w) + "x" + std::to_string(h) + "x24";
        execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", screen.c_str(),
               "-nolisten", "tcp", "-noreset", (char*)nullptr);
        _exit(127);
    }
    close(fds[1]);
    // Xvfb writes its display number when it is ready for clients.
    std::string number;
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n') number += c;
    close(fds[0]);
    if (number.empty()) throw std::runtime_error("Xvfb did not start (is xvfb installed?)");
    display = ":" + number;
    dpy = XOpenDisplay(display.c_str());
    if (!dpy) throw std::runtime_error("cannot open display " + display);
    int ev, err, major, minor;
    if (!XTestQueryExtension(dpy, &ev, &err, &major, &minor))
        throw std::runtime_error("Xvfb has no XTEST extension");
}

XServer::~XServer() {
    if (dpy) XCloseDisplay(dpy);
    if (pid > 0) {
        ::kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
}

// The program
Program::Program(const XServer& x, const std::vector<std::string>& argv,
                 const std::filesystem::path& log) {
    pid = fork();
    if (pid == 0) {
        setenv("DISPLAY", x.display.c_str(), 1);
        int out = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        dup2(out, 1);
        dup2(out, 2);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
}

Program::~Program() {
    if (running()) kill_now();
}

bool Program::running() {
    if (pid <= 0) return false;
    int st = 0;
    pid_t r = waitpid(pid, &st, WNOHANG);
    if (r == pid) {
        status = st;
        pid = -1;
        return false;
    }
    return true;
}

std::optional<int> Program::wait_exit(milliseconds timeout) {
    auto end = Clock::now() + timeout;
    while (Clock::now() < end) {
        if (!running()) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(milliseconds(20));
    }
    return std::nullopt;
}

void Program::kill_now() {
    if (pid <= 0) return;
    ::kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    pid = -1;
}

// The trace
std::optional<std::pair<int, int>> Frame::centre(const std::string& label) const {
    for (const auto& t : json["tappables"])
        if (t["label"] == label)
            return std::make_pair(int((t["x0"].get<double>() + t["x1"].get<double>()) / 2),
                                  int((t["y0"].get<double>() + t["y1"].get<double>()) / 2));
    return std::nullopt;
}

std::optional<Frame> read_frame(const std::filesystem::path& trace) {
    std::ifstream in(trace);
    if (!in) return std::nullopt;
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded()) return std::nullopt;
    Frame f;
    f.number = j.value("frame", 0L);
    f.screen = j.value("screen", "");
    f.drawn_ns = j.value("drawn_ns", 0LL);
    f.json = std::move(j);
    return f;
}

std::optional<Frame> wait_frame(const std::filesystem::path& trace, long after,
                                const std::function<bool(const Frame&)>& pred,
                                milliseconds timeout) {
    auto end = Clock::now() + timeout;
    do {
        auto f = read_frame(trace);
        if (f && f->number > after && pred(*f)) return f;
        std::this_thread::sleep_for(milliseconds(2));
    } while (Clock::now() < end);
    return std::nullopt;
}

std::optional<Frame> wait_idle(const std::filesystem::path& trace, milliseconds quiet,
                               milliseconds timeout) {
    auto end = Clock::now() + timeout;
    std::optional<Frame> last;
    auto since = Clock::now();
    while (Clock::now() < end) {
        auto f = read_frame(trace);
        if (f && (!last || f->number != last->number)) {
            last = f;
            since = Clock::now();
        } else if (last && Clock::now() - since >= quiet) {
            return last;
        }
        std::this_thread::sleep_for(milliseconds(10));
    }
    return std::nullopt;
}

// Input
void move_to(XServer& x, int px, int py) {
    XTestFakeMotionEvent(x.dpy, -1, px, py, CurrentTime);
    XFlush(x.dpy);
}
void press(XServer& x) {
    XTestFakeButtonEvent(x.dpy, 1, True, CurrentTime);
    XFlush(x.dpy);
}
void release(XServer& x) {
    XTestFakeButtonEvent(x.dpy, 1, False, CurrentTime);
    XFlush(x.dpy);
}

void tap_at(XServer& x, int px, int py) {
    move_to(x, px, py);
    // A finger rests on the glass for a moment; the press and release come ~60 ms apart.
    std::this_thread::sleep_for(milliseconds(30));
    press(x);
    std::this_thread::sleep_for(milliseconds(60));
    release(x);
}

bool tap(XServer& x, const std::filesystem::path& trace, const std::string& label) {
    auto f = read_frame(trace);
    if (!f) return false;
    auto c = f->centre(label);
    if (!c) return false;
    tap_at(x, c->first, c->second);
    return true;
}

void key_combo(XServer& x, const std::vector<std::string>& keysyms) {
    std::vector<KeyCode> codes;
    for (const auto& k : keysyms)
        codes.push_back(XKeysymToKeycode(x.dpy, XStringToKeysym(k.c_str())));
    for (KeyCode c : codes) XTestFakeKeyEvent(x.dpy, c, True, CurrentTime);
    for (auto it = codes.rbegin(); it != codes.rend(); ++it)
        XTestFakeKeyEvent(x.dpy, *it, False, CurrentTime);
    XFlush(x.dpy);
}

// Windows
static long pid_of_window(Display* d, Window w) {
    Atom pid_atom = XInternAtom(d, "_NET_WM_PID", True);
    if (pid_atom == None) return -1;
    Atom type;
    int format;
    unsigned long n, after;
    unsigned char* data = nullptr;
    long pid = -1;
    if (XGetWindowProperty(d, w, pid_atom, 0, 1, False, XA_CARDINAL, &type, &format, &n, &after,
                           &data) == Success &&
        data && n == 1)
        pid = long(*reinterpret_cast<unsigned long*>(data));
    if (data) XFree(data);
    return pid;
}

unsigned long window_of(XServer& x, pid_t pid, milliseconds timeout) {
    auto end = Clock::now() + timeout;
    do {
        Window root, parent, *children = nullptr;
        unsigned n = 0;
        XSync(x.dpy, False);
        if (XQueryTree(x.dpy, DefaultRootWindow(x.dpy), &root, &parent, &children, &n)) {
            for (unsigned i = 0; i < n; ++i) {
                XWindowAttributes a;
                if (pid_of_window(x.dpy, children[i]) == pid &&
                    XGetWindowAttributes(x.dpy, children[i], &a) && a.map_state == IsViewable) {
                    Window w = children[i];
                    XFree(children);
                    return w;
                }
            }
            if (children) XFree(children);
        }
        std::this_thread::sleep_for(milliseconds(50));
    } while (Clock::now() < end);
    return 0;
}

void send_close_request(XServer& x, unsigned long window) {
    XEvent e{};
    e.xclient.type = ClientMessage;
    e.xclient.window = window;
    e.xclient.message_type = XInternAtom(x.dpy, "WM_PROTOCOLS", False);
    e.xclient.format = 32;
    e.xclient.data.l[0] = long(XInternAtom(x.dpy, "WM_DELETE_WINDOW", False));
    e.xclient.data.l[1] = CurrentTime;
    XSendEvent(x.dpy, window, False, NoEventMask, &e);
    XFlush(x.dpy);
}

void destroy_window(XServer& x, unsigned long window) {
    XDestroyWindow(x.dpy, window);
    XSync(x.dpy, False);
}

unsigned long cover(XServer& x, int px, int py, int w, int h) {
    Window win = XCreateSimpleWindow(x.dpy, DefaultRootWindow(x.dpy), px, py, unsigned(w),
                                     unsigned(h), 0, 0, 0x202020);
    XSetWindowAttributes a;
    a.override_redirect = True; // no window manager would move it
    XChangeWindowAttributes(x.dpy, win, CWOverrideRedirect, &a);
    XMapRaised(x.dpy, win);
    XSync(x.dpy, False);
    return win;
}

// Pixels
double Image::difference(const Image& o) const {
    if (o.width != width || o.height != height || rgb.empty()) return 1.0;
    size_t differ = 0;
    for (size_t i = 0; i + 2 < rgb.size(); i += 3)
        differ += rgb[i] != o.rgb[i] || rgb[i + 1] != o.rgb[i + 1] || rgb[i + 2] != o.rgb[i + 2];
    return double(differ) / double(rgb.size() / 3);
}

bool Image::save_png(const std::filesystem::path& file) const {
    return stbi_write_png(file.c_str(), width, height, 3, rgb.data(), width * 3) != 0;
}

Image grab(XServer& x, int px, int py, int w, int h) {
    if (w == 0) w = x.width - px;
    if (h == 0) h = x.height - py;
    Image img;
    XImage* xi = XGetImage(x.dpy, DefaultRootWindow(x.dpy), px, py, unsigned(w), unsigned(h),
                           AllPlanes, ZPixmap);
    if (!xi) return img;
    img.width = w;
    img.height = h;
    img.rgb.resize(size_t(w) * size_t(h) * 3);
    // Xvfb at depth 24 keeps 32 bits a pixel, blue first: read the bytes, not pixel by pixel.
    bool fast = xi->bits_per_pixel == 32 && xi->byte_order == LSBFirst;
    for (int yy = 0; yy < h && fast; ++yy) {
        const unsigned char* row =
            reinterpret_cast<unsigned char*>(xi->data) + size_t(yy) * size_t(xi->bytes_per_line);
        unsigned char* d = &img.rgb[size_t(yy) * size_t(w) * 3];
        for (int xx = 0; xx < w; ++xx, d += 3, row += 4) {
            d[0] = row[2];
            d[1] = row[1];
            d[2] = row[0];
        }
    }
    for (int yy = 0; yy < h && !fast; ++yy)
        for (int xx = 0; xx < w; ++xx) {
            unsigned long p = XGetPixel(xi, xx, yy);
            unsigned char* d = &img.rgb[(size_t(yy) * size_t(w) + size_t(xx)) * 3];
            d[0] = (p >> 16) & 0xff;
            d[1] = (p >> 8) & 0xff;
            d[2] = p & 0xff;
        }
    XDestroyImage(xi);
    return img;
}

std::optional<Clock::time_point> wait_pixels_change(XServer& x, const Image& before, double share,
                                                    milliseconds timeout) {
    auto end = Clock::now() + timeout;
    do {
        Image now = grab(x, 0, 0, before.width, before.height);
        if (now.difference(before) >= share) return Clock::now();
    } while (Clock::now() < end);
    return std::nullopt;
}

} // namespace reception::xtest
