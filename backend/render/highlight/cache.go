package highlight

import (
	"crypto/sha256"
	"sync"
)

// cacheKey identifies a highlighted block: the SHA-256 of its language, its
// options and its code.
type cacheKey [sha256.Size]byte

// cache keeps highlighted HTML by content, for the whole process: the
// preview renders the whole post on every keystroke while its code blocks
// rarely change, and an export of the posts just edited finds their blocks
// done. It holds two generations of at most half its bound each: when the
// current one is full it becomes the old one, and a block found in the old
// one moves to the current. What the writer is working on stays; what no
// render has asked for in a while goes.
type cache struct {
	mu       sync.Mutex
	max      int // bytes of HTML and keys, both generations together
	cur, old map[cacheKey]string
	size     int // of cur
}

func newCache(max int) *cache { return &cache{max: max} }

// shared is the cache every renderer in the process uses.
var shared = newCache(cacheBytes)

func (c *cache) get(k cacheKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[k]; ok {
		return v, true
	}
	v, ok := c.old[k]
	if ok {
		delete(c.old, k)
		c.addLocked(k, v)
	}
	return v, ok
}

func (c *cache) put(k cacheKey, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[k]; !ok {
		c.addLocked(k, v)
	}
}

func (c *cache) addLocked(k cacheKey, v string) {
	cost := len(k) + len(v)
	if cost > c.max/4 {
		return // a huge block would push everything else out
	}
	if c.size+cost > c.max/2 {
		c.old, c.cur, c.size = c.cur, nil, 0
	}
	if c.cur == nil {
		c.cur = map[cacheKey]string{}
	}
	c.cur[k] = v
	c.size += cost
}

// len is the number of blocks held, for tests.
func (c *cache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cur) + len(c.old)
}

// ForgetCache empties the shared cache, for benchmarks of a first render.
func ForgetCache() {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	shared.cur, shared.old, shared.size = nil, nil, 0
}
