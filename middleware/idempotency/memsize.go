package idempotency

import (
	"reflect"
	"sort"
)

// The memory a [MemoryStore] counts is the heap its records really take:
// every allocation rounded up to the size class Go's allocator serves it
// from, the maps' tables included. A test holds the count against the
// heap measured after a garbage collection.

// sizeClasses are the object sizes of Go's allocator up to 32 KiB
// (runtime/sizeclasses.go); a larger object takes whole 8 KiB pages.
var sizeClasses = []int{
	8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256,
	288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280,
	1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528,
	6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072,
	20480, 21760, 24576, 27264, 28672, 32768,
}

// allocSize is the heap an allocation of n bytes takes.
func allocSize(n int) int {
	if n <= 0 {
		return 0
	}
	if n > sizeClasses[len(sizeClasses)-1] {
		return (n + 8191) &^ 8191
	}
	return sizeClasses[sort.SearchInts(sizeClasses, n)]
}

var (
	entrySize  = allocSize(int(reflect.TypeFor[entry]().Size()))
	recordSize = allocSize(int(reflect.TypeFor[Record]().Size()))
)

// mapSize is the heap a map of n entries of kv bytes each (key and value)
// takes: its header, and groups of 8 slots with 8 control bytes, sized so
// that at most 7 of 8 slots are used.
func mapSize(n, kv int) int {
	const header = 48
	groups := 1
	for groups*7 < n {
		groups *= 2
	}
	if groups == 1 {
		return allocSize(header) + allocSize(8+8*kv)
	}
	// Larger maps split into tables of up to 128 groups and a directory.
	return allocSize(header) + groups*(8+8*kv) + allocSize(8*((groups+127)/128)) + allocSize(48)*((groups+127)/128)
}

// headerKV is the bytes of one http.Header slot: a string and a slice.
const headerKV = 16 + 24

// storeSlot is what one key costs in the store's own map (a string key and
// a pointer in a slot, tables at 7/8 load growing by doubling: 1.5 slots
// on average).
const storeSlot = (16 + 8 + 1) * 3 / 2 * 8 / 7

// recordBytes is the heap key's entry takes in a [MemoryStore]: the key,
// the entry, the record, its headers and its body. Header names are the
// configured ones, shared by every record, and not counted.
func recordBytes(key string, rec *Record) int64 {
	n := allocSize(len(key)) + storeSlot + entrySize + recordSize + allocSize(cap(rec.Body))
	if len(rec.Header) > 0 {
		n += mapSize(len(rec.Header), headerKV)
		for _, vs := range rec.Header {
			n += allocSize(16 * cap(vs))
			for _, v := range vs {
				n += allocSize(len(v))
			}
		}
	}
	return int64(n)
}
