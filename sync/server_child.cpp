#include "server_child.hpp"

#include <cstdlib>
#include <poll.h>
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

ServerChild spawn_server(const std::string& bin, const std::filesystem::path& data, int port,
                         const std::filesystem::path& cert, const std::filesystem::path& key) {
    ServerChild child;
    int fds[2];
    if (pipe(fds) != 0) return child;
    std::string port_text = std::to_string(port);
    child.pid = fork();
    if (child.pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execl(bin.c_str(), "reception-server", "--data", data.c_str(), "serve", "--port",
              port_text.c_str(), "--cert", cert.c_str(), "--key", key.c_str(), nullptr);
        _exit(127);
    }
    close(fds[1]);
    if (child.pid > 0) child.port = read_port(fds[0]);
    close(fds[0]); // the server prints nothing more to stdout
    return child;
}

} // namespace reception
