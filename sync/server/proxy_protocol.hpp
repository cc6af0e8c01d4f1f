// The PROXY protocol (HAProxy's `send-proxy-v2`, or v1's text line): a load balancer in TCP
// mode opens each connection with the client's own address, before TLS. Without it every phone
// and terminal behind the balancer would share the balancer's address, and so its connection
// share and the public pages' and enrolment's limits (docs/scale.md). Taken only from the
// addresses the administrator names (`serve --proxy-from`): anyone else could claim any address.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace reception {

// v2's 12-byte signature; v1 starts "PROXY ".
constexpr std::string_view kProxyV2Signature{"\r\n\r\n\0\r\nQUIT\n", 12};
constexpr size_t kProxyV1MaxBytes = 107; // the spec's longest line, CRLF included

struct ProxyHeader {
    enum Status { NeedMore, Done, Invalid } status = NeedMore;
    size_t length = 0;   // Done: the header's bytes, all of it read (what follows is TLS)
    size_t wanted = 0;   // NeedMore: read at least this many bytes in all before asking again
    std::string address; // Done: the client's, "" for LOCAL or UNKNOWN (the balancer's own check)
    std::string error;   // Invalid: why, for the log
};

// What `bytes` (read so far from the start of the connection) hold. Never asks for a byte past
// the header, so the TLS stream after it is untouched.
ProxyHeader parse_proxy_header(std::string_view bytes);

} // namespace reception
