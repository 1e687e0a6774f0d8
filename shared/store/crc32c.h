// CRC-32C (Castagnoli polynomial 0x1EDC6F41, reflected 0x82F63B78), as in RFC 3720 §12.1 (iSCSI) and in
// leveldb's log records. It guards every stored record against damage (a torn write, a bit flip, an edit by
// hand): cheap, and four bytes per record.
#pragma once

#include <cstdint>
#include <string_view>

namespace pathwise::store {

std::uint32_t crc32c(std::string_view bytes);

}  // namespace pathwise::store
