#include "server/server_child.hpp"

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <unistd.h>

namespace reception {

static int read_port(int fd) {
    std::string line;
    pollfd p{fd, POLLIN, 0};
    while (line.find('\n') == std::string::npos && poll(&p, 1, 10000) > 0) {
        char buf[256];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0) break;
        line.append(buf, size_t(n));
    }
    size_t at = line.find("127.0.0.1:");
    return at == std::string::npos ? 0 : std::atoi(line.c_str() + at + 10);
}

// In the child, before exec.
static void apply_limits(const ChildLimits& l) {
    if (l.open_files > 0) {
        rlimit r{rlim_t(l.open_files), rlim_t(l.open_files)};
        setrlimit(RLIMIT_NOFILE, &r);
    }
    if (l.file_size > 0) {
        rlimit r{rlim_t(l.file_size), rlim_t(l.file_size)};
        setrlimit(RLIMIT_FSIZE, &r);
        std::signal(SIGXFSZ, SIG_IGN); // stays ignored across exec: write() fails with EFBIG
    }
}

ServerChild spawn_server(const std::string& bin, const std::filesystem::path& data, int port,
                         const std::filesystem::path& cert, const std::filesystem::path& key,
                         const ChildLimits& limits) {
    ServerChild child;
    int fds[2];
    if (pipe(fds) != 0) return child;
    std::string port_text = std::to_string(port);
    std::vector<std::string> args{
        "reception-server", "--data", data.string(), "serve", "--port",
        port_text,          "--cert", cert.string(), "--key", key.string()};
    args.insert(args.end(), limits.serve_args.begin(), limits.serve_args.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    child.pid = fork();
    if (child.pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        if (!limits.log_file.empty()) {
            int log = open(limits.log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
            if (log >= 0) dup2(log, 2);
        }
        apply_limits(limits);
        execv(bin.c_str(), argv.data());
        _exit(127);
    }
    close(fds[1]);
    if (child.pid > 0) child.port = read_port(fds[0]);
    close(fds[0]); // the server prints nothing more to stdout
    return child;
}

} // namespace reception
