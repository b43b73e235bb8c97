// The Catch2 (v2, Debian's catch2 package) main, in its own file so it compiles once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
