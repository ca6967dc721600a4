package discordbot

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/bot"
)

// Button actions; a component's custom ID is "gapwatch:ACTION:CLAIM_ID".
const (
	ActionShow    = "show"
	ActionConfirm = "confirm"
	ActionDismiss = "dismiss"
	ActionMute    = "mute"
)

const customPrefix = "gapwatch:"

// sanitize removes control and bidirectional characters (the bot layer's
// plain-text cleaning).
var sanitize = bot.EscapeFor("plain")

// CustomID is the custom ID of a button or modal acting on a claim.
func CustomID(action string, claimID int64) string {
	return customPrefix + action + ":" + strconv.FormatInt(claimID, 10)
}

// parseCustomID reads a custom ID made by CustomID.
func parseCustomID(s string) (action string, id int64, ok bool) {
	rest, found := strings.CutPrefix(s, customPrefix)
	if !found {
		return "", 0, false
	}
	action, num, found := strings.Cut(rest, ":")
	if !found {
		return "", 0, false
	}
	switch action {
	case ActionShow, ActionConfirm, ActionDismiss, ActionMute:
	default:
		return "", 0, false
	}
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != num {
		return "", 0, false
	}
	return action, id, true
}

// Buttons are the actions under an alert: Show evidence, Mark confirmed
// (a modal asks for the URL and a note), Dismiss (a modal asks for the
// reason) and Mute, plus a link to the evidence page when there is one.
func Buttons(claimID int64, evidenceURL string) []discordgo.MessageComponent {
	row := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Show evidence", Style: discordgo.PrimaryButton, CustomID: CustomID(ActionShow, claimID)},
		discordgo.Button{Label: "Mark confirmed", Style: discordgo.SuccessButton, CustomID: CustomID(ActionConfirm, claimID)},
		discordgo.Button{Label: "Dismiss", Style: discordgo.DangerButton, CustomID: CustomID(ActionDismiss, claimID)},
		discordgo.Button{Label: "Mute", Style: discordgo.SecondaryButton, CustomID: CustomID(ActionMute, claimID)},
	}}
	if u, ok := bot.SafeURL(evidenceURL); ok {
		row.Components = append(row.Components, discordgo.Button{Label: "Evidence page", Style: discordgo.LinkButton, URL: u})
	}
	return []discordgo.MessageComponent{row}
}

// modal is the form a Mark confirmed or Dismiss button opens.
func modal(action string, claimID int64) *discordgo.InteractionResponse {
	id := strconv.FormatInt(claimID, 10)
	var title string
	var inputs []discordgo.MessageComponent
	if action == ActionConfirm {
		title = "Mark claim #" + id + " confirmed"
		inputs = []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
				CustomID: "url", Label: "Link to the confirmation", Style: discordgo.TextInputShort,
				Placeholder: "https://", Required: true, MaxLength: 1000}}},
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
				CustomID: "note", Label: "Note (who confirmed, how)", Style: discordgo.TextInputParagraph,
				Required: false, MaxLength: 1000}}},
		}
	} else {
		title = "Dismiss claim #" + id
		inputs = []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
				CustomID: "reason", Label: "Why it is not a claim", Style: discordgo.TextInputParagraph,
				Required: true, MinLength: 3, MaxLength: 1000}}},
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: CustomID(action, claimID), Title: title, Components: inputs},
	}
}

// modalValues returns a submitted modal's text inputs by custom ID.
func modalValues(d discordgo.ModalSubmitInteractionData) map[string]string {
	out := map[string]string{}
	for _, c := range d.Components {
		row, ok := c.(*discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, in := range row.Components {
			if t, ok := in.(*discordgo.TextInput); ok {
				out[t.CustomID] = t.Value
			}
		}
	}
	return out
}
