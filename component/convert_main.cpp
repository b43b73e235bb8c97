// jinglegate-convert: SDP <-> Jingle on the command line (the translation of jingle/, no daemon).
#include <cstdio>

int main(int argc, char** argv) {
  (void)argv;
  if (argc < 2) {
    std::fprintf(stderr, "usage: jinglegate-convert sdp2jingle|jingle2sdp < input\n");
    return 2;
  }
  std::fprintf(stderr, "jinglegate-convert: translation not built yet\n");
  return 1;
}
