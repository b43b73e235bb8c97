// STOPGAP for the web branch: reads only [component], [web], [jwt], [ice], [calls] and [log] of the
// TOML config so the daemon can run the gateway before the full reader (config.cpp, issue 3)
// lands. The lead drops this file when merging; jinglegate_main.cpp then calls load_config.
#pragma once

#include <string>

#include "component/config/config.hpp"

namespace jinglegate::component {

Result<Config> load_web_sections(const std::string& path);

}  // namespace jinglegate::component
