package unipile_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
	"github.com/unipile/terraform-provider-unipile/internal/unipile"
)

// These tests run the client against the emulator, a double written apart
// from the client, so that a misreading of the API shared by the client and
// its own fakes would still show.

const emulatorKey = "emulator-key"

func startEmulator(t *testing.T) (*emulator.Instance, *unipile.Client) {
	t.Helper()

	instance, err := emulator.Start(emulator.Options{APIKey: emulatorKey, Seed: 1})
	if err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}

	t.Cleanup(instance.Close)

	client, err := unipile.New(unipile.Config{
		DSN:        instance.URL,
		APIKey:     emulatorKey,
		MaxRetries: unipile.DefaultMaxRetries,
		MinBackoff: time.Millisecond,
		MaxBackoff: 5 * time.Millisecond,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	return instance, client
}

func TestEmulatorListOfAThousandTakesFourPages(t *testing.T) {
	t.Parallel()

	instance, client := startEmulator(t)

	seeded := map[string]bool{}
	for index := range 1000 {
		id := instance.Seed(emulator.Webhook{
			Source:     unipile.SourceMessaging,
			RequestURL: fmt.Sprintf("https://example.com/hook/%d", index),
			Format:     unipile.FormatJSON,
			Enabled:    true,
			Events:     []string{"message_received"},
		})
		seeded[id] = true
	}

	got, err := client.List(context.Background())
	if err != nil {
		t.Fatalf("List: %v", err)
	}

	listed := map[string]bool{}
	for _, webhook := range got {
		if !seeded[webhook.ID] || listed[webhook.ID] {
			t.Fatalf("List returned an unknown or repeated id %q", webhook.ID)
		}

		listed[webhook.ID] = true
	}

	if len(listed) != 1000 {
		t.Errorf("List returned %d webhooks, want 1000", len(listed))
	}

	if pages := instance.Count(emulator.RouteList); pages != 4 {
		t.Errorf("List made %d list requests, want 4", pages)
	}
}

func TestEmulatorLostCreateIsRecoveredWithoutDuplicate(t *testing.T) {
	t.Parallel()

	instance, client := startEmulator(t)
	instance.Inject(emulator.Fault{Route: emulator.RouteCreate, Kind: emulator.FaultLoseResponse, Times: 1})

	id, err := client.Create(context.Background(), unipile.CreateWebhookRequest{
		RequestURL: "https://example.com/crm",
		Source:     unipile.SourceMessaging,
		Name:       "crm",
		Headers:    []unipile.Header{{Key: "Unipile-Auth", Value: "s3cret"}},
		Events:     []string{"message_received"},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	stored := instance.Webhooks()
	if len(stored) != 1 || stored[0].ID != id {
		t.Errorf("Create returned %q; the emulator holds %+v", id, stored)
	}

	if creates := instance.Count(emulator.RouteCreate); creates != 1 {
		t.Errorf("made %d creates, want 1", creates)
	}
}

func TestEmulatorRetriesAndLostDelete(t *testing.T) {
	t.Parallel()

	instance, client := startEmulator(t)
	id := instance.Seed(emulator.Webhook{Source: unipile.SourceEmail, RequestURL: "https://example.com/mail"})

	instance.Inject(emulator.Fault{Route: emulator.RouteList, Kind: emulator.FaultStatus, Status: 429, RetryAfter: "0", Times: 1})
	instance.Inject(emulator.Fault{Route: emulator.RouteList, Kind: emulator.FaultStatus, Status: 503, Times: 1})

	got, err := client.Get(context.Background(), id)
	if err != nil || got.RequestURL != "https://example.com/mail" {
		t.Fatalf("Get = %+v, %v", got, err)
	}

	if pages := instance.Count(emulator.RouteList); pages != 3 {
		t.Errorf("made %d list requests, want 3", pages)
	}

	instance.Inject(emulator.Fault{Route: emulator.RouteDelete, Kind: emulator.FaultLoseResponse, Times: 1})

	if err := client.Delete(context.Background(), id); !errors.Is(err, unipile.ErrNotFound) {
		t.Errorf("Delete after a lost response = %v, want ErrNotFound", err)
	}

	if remaining := instance.Webhooks(); len(remaining) != 0 {
		t.Errorf("the emulator still holds %+v", remaining)
	}
}

func TestEmulatorRejectsAWrongKey(t *testing.T) {
	t.Parallel()

	instance, _ := startEmulator(t)

	client, err := unipile.New(unipile.Config{DSN: instance.URL, APIKey: "wrong-key"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	_, err = client.List(context.Background())
	if !errors.Is(err, unipile.ErrUnauthorized) {
		t.Fatalf("List error = %v, want ErrUnauthorized", err)
	}

	var apiErr *unipile.APIError
	if !errors.As(err, &apiErr) || apiErr.Type == "" || apiErr.Title == "" {
		t.Errorf("the 401 lost its problem details: %#v", apiErr)
	}
}
