package sandbox

import (
	"io"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	c, err := ParseFlags("x", nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Addr: "127.0.0.1:8080", Auth: AuthAPIKey, Keys: Keys{DemoAPIKey, DemoAPISecret, DemoAdminToken}, Rate: 200,
		QuoteTTL: 30 * time.Second, MaxBody: 1 << 20, Contract: "nexpay", RedisTimeout: 50 * time.Millisecond}
	if c != want {
		t.Errorf("defaults %+v, want %+v", c, want)
	}
	c, err = ParseFlags("x", []string{"-addr", ":0", "-rate", "5", "-maintenance", "2m", "-quote-ttl", "1s", "-max-body", "512", "-redis", "rediss://u:p@h:6380/2"}, io.Discard)
	if err != nil || c.Redis != "rediss://u:p@h:6380/2" || c.Addr != ":0" || c.Rate != 5 || !c.RateSet || c.Maintenance != 2*time.Minute || c.QuoteTTL != time.Second || c.MaxBody != 512 {
		t.Errorf("flags %+v, %v", c, err)
	}
	c, err = ParseFlags("x", []string{"-auth", "signed", "-api-secret", "sk_2"}, io.Discard)
	if err != nil || c.Auth != AuthSigned || c.Keys.APISecret != "sk_2" {
		t.Errorf("signed: %+v, %v", c, err)
	}
	for _, args := range [][]string{
		{"-rate", "0"}, {"-quote-ttl", "0s"}, {"-maintenance", "-1s"}, {"-max-body", "0"},
		{"-api-key", ""}, {"-api-secret", ""}, {"-auth", "hmac"}, {"-contract", "soap"}, {"extra"}, {"-nope"},
		{"-redis-timeout", "0s"}, {"-redis", "http://127.0.0.1:6379"}, {"-redis", "redis://"}, {"-redis", "127.0.0.1:6379"},
	} {
		if _, err := ParseFlags("x", args, io.Discard); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
}

func TestRedisLimit(t *testing.T) {
	for _, tc := range []struct {
		rate     float64
		n, burst int
		period   time.Duration
	}{
		{200, 200, 200, time.Second},
		{1, 1, 1, time.Second},
		{0.5, 1800, 1, time.Hour},
		{2.5, 9000, 2, time.Hour},
	} {
		l := RedisLimit(tc.rate)
		if l.Rate != tc.n || l.Burst != tc.burst || l.Period != tc.period {
			t.Errorf("RedisLimit(%v) = %+v", tc.rate, l)
		}
	}
}
