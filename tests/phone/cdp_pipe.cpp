#include "cdp_pipe.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace reception::test {
using nlohmann::json;

ChromiumPipe::ChromiumPipe(const std::vector<std::string>& args) {
    int in[2], out[2]; // in: we write, chromium reads on 3; out: chromium writes on 4
    if (pipe(in) != 0 || pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
        dup2(in[0], 3);
        dup2(out[1], 4);
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 2);
        std::vector<char*> argv;
        static std::string prog = "chromium", pipe_flag = "--remote-debugging-pipe";
        argv.push_back(prog.data());
        argv.push_back(pipe_flag.data());
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execvp("chromium", argv.data());
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    to_ = in[1];
    from_ = out[0];
    // The page the URL opened: attach to it (flat sessions, so one pipe carries both).
    for (int i = 0; i < 100 && session_.empty(); ++i) {
        json targets = call("Target.getTargets", json::object());
        for (const auto& t : targets["targetInfos"])
            if (t.value("type", "") == "page") {
                json r =
                    call("Target.attachToTarget", {{"targetId", t["targetId"]}, {"flatten", true}});
                session_ = r.value("sessionId", "");
                break;
            }
        if (session_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    if (session_.empty()) throw std::runtime_error("chromium opened no page");
}

ChromiumPipe::~ChromiumPipe() {
    try {
        call("Browser.close", json::object());
    } catch (const std::exception&) {
    }
    if (to_ >= 0) close(to_);
    if (from_ >= 0) close(from_);
    for (int i = 0; i < 50; ++i) {
        if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
}

json ChromiumPipe::call(const std::string& method, const json& params, const std::string& session) {
    int id = next_id_++;
    json msg{{"id", id}, {"method", method}, {"params", params}};
    if (!session.empty()) msg["sessionId"] = session;
    std::string text = msg.dump();
    text.push_back('\0');
    if (write(to_, text.data(), text.size()) != ssize_t(text.size()))
        throw std::runtime_error("chromium's pipe is closed");
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < until) {
        size_t end;
        while ((end = buffer_.find('\0')) != std::string::npos) {
            json answer = json::parse(buffer_.substr(0, end), nullptr, false);
            buffer_.erase(0, end + 1);
            if (answer.is_object() && answer.value("id", 0) == id)
                return answer.value("result", json::object());
        }
        pollfd p{from_, POLLIN, 0};
        if (poll(&p, 1, 200) <= 0) continue;
        char buf[65536];
        ssize_t n = read(from_, buf, sizeof buf);
        if (n <= 0) throw std::runtime_error("chromium closed its pipe");
        buffer_.append(buf, size_t(n));
    }
    throw std::runtime_error("chromium did not answer " + method);
}

std::string ChromiumPipe::evaluate(const std::string& expression) {
    json r =
        call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}}, session_);
    const json& v = r.value("result", json::object());
    return v.contains("value") && v["value"].is_string() ? v["value"].get<std::string>() : "";
}

} // namespace reception::test
