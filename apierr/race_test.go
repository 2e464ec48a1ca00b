//go:build race

package apierr_test

const raceEnabled = true
