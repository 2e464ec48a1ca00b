// Package doctour holds the test that runs the shell blocks of the README
// and the docs/ pages against a freshly started sandbox and compares what
// they print with what the pages show.
//
// The convention a page follows: a ```sh block that talks to the sandbox
// (it names localhost:8080) is followed by a ```text block with what its
// commands print, each command's output on lines of its own, as a terminal
// shows it. A page's blocks run in order in one bash session, so a variable
// set in one block (PAYEE=$(curl ... | jq -r .id)) serves the next. The
// first such block of a page starts the sandbox as `go run ./examples/nexpay`
// does; a block whose first line is a comment naming the command
// ("# go run ./examples/nexpay -contract nextapi", or ./examples/nethttp)
// starts a fresh sandbox with those flags and a fresh session. Each session
// gets its own server on a free port, which replaces localhost:8080, and its
// own empty working directory.
//
// A block that starts a fleet in the background (a line
// "redis-server --port P ... &" and lines "go run ./examples/nexpay -addr
// :N ... &") gets one: the test starts a real redis-server and the replicas
// on free ports instead of those lines, rewrites localhost:N (and the Redis
// URL) to them, and runs the block's other commands; later blocks that talk
// only to the fleet's ports run in the same session.
//
// Every shell block that talks to an address on this machine (localhost
// or 127.0.0.1 and a port, outside comments) is run: one that is not a
// sandbox's or a fleet's fails the test, unless its info string says why
// it is not run ("```sh not-run: <why>").
//
// The output is compared as a terminal shows it: each command's output as
// it is, so one that does not end in a newline runs into the next (the
// pages end such output with curl -w '\n'). What changes from run to run
// is masked on both sides before they are compared: timestamps, UUIDs,
// 32-hex request and trace IDs, and the Date header. Blanks at the ends of
// lines and carriage returns are ignored. When the
// sandbox's answers change on purpose, go test ./examples/internal/doctour
// -update rewrites the pages' output blocks with what the commands print now.
package doctour
