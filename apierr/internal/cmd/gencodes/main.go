// Command gencodes writes the Go file of a catalogue's codes.txt (see
// package internal/gencodes); `go generate` runs it in apierr and in
// each contract package.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/errkit/errkit/internal/gencodes"
)

func main() {
	in := flag.String("in", "codes.txt", "catalogue source to read")
	out := flag.String("out", "codes_gen.go", "Go file to write")
	flag.Parse()
	src, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	code, err := gencodes.Generate(src)
	if err != nil {
		log.Fatalf("%s: %v", *in, err)
	}
	if err := os.WriteFile(*out, code, 0o644); err != nil {
		log.Fatal(err)
	}
}
