package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
)

// Defaults of the command. The demo key is public on purpose: the emulator
// only listens on loopback and holds nothing worth protecting.
const (
	defaultListen = "127.0.0.1:8080"
	defaultAPIKey = "emulator-demo-key"
	apiKeyEnv     = "UNIPILE_API_KEY"
)

// config is the parsed command line.
type config struct {
	listen    string
	apiKey    string
	keySource string // where apiKey came from, for the startup message
	latency   time.Duration
	readyFile string
}

// parseConfig reads the flags, falling back to the environment and then to
// the demo key for the API key. It returns flag.ErrHelp for -h.
func parseConfig(args []string, getenv func(string) string, output io.Writer) (config, error) {
	var cfg config

	flags := flag.NewFlagSet("unipile-emulator", flag.ContinueOnError)
	flags.SetOutput(output)
	flags.StringVar(&cfg.listen, "listen", defaultListen, "loopback `address` to listen on (host:port)")
	flags.StringVar(&cfg.apiKey, "api-key", "", "X-API-KEY value clients must send (default $"+apiKeyEnv+", else "+defaultAPIKey+")")
	flags.DurationVar(&cfg.latency, "latency", 0, "delay added before every response, e.g. 200ms")
	flags.StringVar(&cfg.readyFile, "ready-file", "", "write the base URL to this `path` once listening")
	flags.Usage = func() {
		_, _ = fmt.Fprintf(output, `Usage: unipile-emulator [flags]

Serves an in-memory emulator of Unipile's v1 webhook API (list, create and
delete under /api/v1/webhooks) on a loopback address, for demos and tests.
Point a client at the printed URL as its DSN and send the API key as
X-API-KEY. Without -api-key or $%s the key is %q.

Flags:
`, apiKeyEnv, defaultAPIKey)
		flags.PrintDefaults()
	}

	if err := flags.Parse(args); err != nil {
		return config{}, err
	}
	if flags.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments: %q", flags.Args())
	}

	switch {
	case cfg.apiKey != "":
		cfg.keySource = "the -api-key flag"
	case getenv(apiKeyEnv) != "":
		cfg.apiKey = getenv(apiKeyEnv)
		cfg.keySource = "$" + apiKeyEnv
	default:
		cfg.apiKey = defaultAPIKey
		cfg.keySource = "the demo default " + defaultAPIKey
	}

	if cfg.latency < 0 {
		return config{}, errors.New("-latency must not be negative")
	}
	if err := emulator.CheckLoopback(cfg.listen); err != nil {
		return config{}, fmt.Errorf("-listen: %w", err)
	}

	return cfg, nil
}
