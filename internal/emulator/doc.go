// Package emulator is an in-memory stand-in for Unipile's v1 webhook API.
//
// It serves the three real routes (list, create and delete under
// /api/v1/webhooks) with the documented shapes and errors, and adds the
// controls a test needs: per-route request counters, added latency and
// injected faults such as error statuses, dropped connections and responses
// lost after the request was applied. It is a test double written from the
// API notes, independent of the client package, so a misreading in one of
// them shows up as a failing test instead of being shared by both.
package emulator
