// The web gateway's wss sessions: the TLS instantiation of HttpSession/WsSession (RFC 6455 over TLS).
#include "component/web/gateway_core.hpp"
#include "component/web/http_session.hpp"

namespace jinglegate::component::web {

void start_tls_session(boost::asio::ip::tcp::socket sock, std::shared_ptr<GatewayCore> core, std::string peer) {
  using S = beast::ssl_stream<beast::tcp_stream>;
  // The SSL object keeps its own reference to the context's SSL_CTX: a reload may replace the
  // context while this session lives.
  auto ctx = core->tls;
  std::make_shared<HttpSession<S>>(S(std::move(sock), *ctx), std::move(core), std::move(peer))->run();
}

}  // namespace jinglegate::component::web
