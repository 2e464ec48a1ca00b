//go:build race

package echomw_test

const raceEnabled = true
