package media

import "bytes"

// jpegComplete walks a JPEG's segments and entropy-coded data to its
// end-of-image marker: a file cut short (a failed download or copy) has a
// header that decodes but no end, and would only fail when it is resized
// or shown half grey. Bytes after the end are allowed, as decoders do.
func jpegComplete(b []byte) bool {
	if len(b) < 4 || b[0] != 0xff || b[1] != 0xd8 {
		return false
	}
	i := 2
	for {
		if i >= len(b) || b[i] != 0xff {
			return false
		}
		for i < len(b) && b[i] == 0xff { // fill bytes
			i++
		}
		if i >= len(b) {
			return false
		}
		m := b[i]
		i++
		switch {
		case m == 0xd9: // end of image
			return true
		case m == 0x01 || (m >= 0xd0 && m <= 0xd7): // markers without a length
			continue
		}
		if i+2 > len(b) {
			return false
		}
		size := int(b[i])<<8 | int(b[i+1])
		if size < 2 || i+size > len(b) {
			return false
		}
		i += size
		if m != 0xda {
			continue
		}
		// Entropy-coded data: up to the next 0xff that starts a marker
		// (not a stuffed 0xff00 or a restart marker).
		for {
			j := bytes.IndexByte(b[i:], 0xff)
			if j < 0 || i+j+1 >= len(b) {
				return false
			}
			i += j
			n := b[i+1]
			if n == 0x00 || (n >= 0xd0 && n <= 0xd7) {
				i += 2
				continue
			}
			break
		}
	}
}
