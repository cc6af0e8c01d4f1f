#include "server/proxy_protocol.hpp"

#include <arpa/inet.h>

namespace reception {

static ProxyHeader need(size_t n) {
    ProxyHeader h;
    h.wanted = n;
    return h;
}

static ProxyHeader invalid(std::string why) {
    ProxyHeader h;
    h.status = ProxyHeader::Invalid;
    h.error = std::move(why);
    return h;
}

static ProxyHeader done(size_t length, std::string address) {
    ProxyHeader h;
    h.status = ProxyHeader::Done;
    h.length = length;
    h.address = std::move(address);
    return h;
}

// v1: "PROXY TCP4 203.0.113.7 10.0.0.1 51234 8443\r\n" (or TCP6, or UNKNOWN ...).
static ProxyHeader parse_v1(std::string_view b) {
    size_t end = b.find("\r\n");
    if (end == std::string_view::npos)
        return b.size() >= kProxyV1MaxBytes ? invalid("v1 line longer than 107 bytes")
                                            : need(b.size() + 1); // a byte at a time: no more
    std::string_view line = b.substr(6, end - 6);
    if (line.rfind("UNKNOWN", 0) == 0) return done(end + 2, "");
    int family = line.rfind("TCP4 ", 0) == 0 ? AF_INET : line.rfind("TCP6 ", 0) == 0 ? AF_INET6 : 0;
    if (!family) return invalid("v1 protocol is not TCP4, TCP6 or UNKNOWN");
    std::string_view rest = line.substr(5);
    std::string source(rest.substr(0, rest.find(' ')));
    unsigned char raw[16];
    if (inet_pton(family, source.c_str(), raw) != 1) return invalid("v1 source is no address");
    char text[INET6_ADDRSTRLEN];
    inet_ntop(family, raw, text, sizeof text); // written as the socket would report it
    return done(end + 2, text);
}

// v2: the signature, version and command, family and protocol, the length, the addresses.
static ProxyHeader parse_v2(std::string_view b) {
    if (b.size() < 16) return need(16);
    auto byte = [&](size_t i) { return static_cast<unsigned char>(b[i]); };
    if ((byte(12) >> 4) != 2) return invalid("v2 version is not 2");
    size_t length = 16 + ((size_t(byte(14)) << 8) | byte(15));
    if (b.size() < length) return need(length);
    unsigned command = byte(12) & 0x0F, family = byte(13) >> 4;
    if (command == 0) return done(length, ""); // LOCAL: the balancer's health check
    if (command != 1) return invalid("v2 command is neither LOCAL nor PROXY");
    char text[INET6_ADDRSTRLEN];
    if (family == 1 && length >= 16 + 12) { // AF_INET: source, destination, ports
        inet_ntop(AF_INET, b.data() + 16, text, sizeof text);
        return done(length, text);
    }
    if (family == 2 && length >= 16 + 36) { // AF_INET6
        inet_ntop(AF_INET6, b.data() + 16, text, sizeof text);
        return done(length, text);
    }
    if (family == 0) return done(length, ""); // UNSPEC
    return invalid("v2 address family is not IPv4 or IPv6");
}

ProxyHeader parse_proxy_header(std::string_view b) {
    // Enough to tell v1 from v2 without reading past the shortest v1 line (15 bytes).
    if (b.size() < 6) return need(6);
    if (b.substr(0, 6) == "PROXY ") return parse_v1(b);
    if (b.size() < kProxyV2Signature.size()) {
        if (kProxyV2Signature.substr(0, b.size()) != b) return invalid("no PROXY header");
        return need(kProxyV2Signature.size());
    }
    if (b.substr(0, kProxyV2Signature.size()) != kProxyV2Signature)
        return invalid("no PROXY header");
    return parse_v2(b);
}

} // namespace reception
