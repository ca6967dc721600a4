package discordbot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/gapwatch/gapwatch/bot"
)

// CommandName is the application command's name: /gapwatch.
const CommandName = "gapwatch"

// Subcommands answered with a deferred response and a follow-up: they
// can take longer than Discord's three seconds.
var slowSubcommands = map[string]bool{"search": true, "digest": true}

// statusChoices are list's status values (all: every status, resolved too).
var statusChoices = []string{"pending", "partial", "unconfirmed", "confirmed", "all"}

// subscribeStatuses are the statuses a subscription can follow.
var subscribeStatuses = []string{"pending", "partial", "unconfirmed", "confirmed", "unverified", "needs_review"}

func choices(values ...string) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, 0, len(values))
	for _, v := range values {
		out = append(out, &discordgo.ApplicationCommandOptionChoice{Name: v, Value: v})
	}
	return out
}

func strOpt(name, desc string, required bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc, Required: required}
}

func idOpt() *discordgo.ApplicationCommandOption {
	o := strOpt("id", "Claim ID (type to search the open claims)", true)
	o.Autocomplete = true
	o.MaxLength = 20
	return o
}

func publicOpt() *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "public",
		Description: "Show the answer to the whole channel (default: only you)"}
}

func sub(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionSubCommand, Name: name, Description: desc, Options: opts}
}

// help returns the bot's one-sentence help of a command, cut to
// Discord's 100 characters.
func help(b *bot.Bot, name, fallback string) string {
	desc := fallback
	if c, ok := b.Lookup(name); ok && c.Help != "" {
		desc = c.Help
	}
	if runes(desc) > 100 {
		desc = string([]rune(desc)[:99]) + bot.Ellipsis
	}
	return desc
}

// ApplicationCommands is the /gapwatch command with its subcommands and
// typed options, as registered with Discord. sides are the side IDs list
// and subscribe offer.
func ApplicationCommands(b *bot.Bot, sides []string) []*discordgo.ApplicationCommand {
	side := strOpt("side", "Side that made the claim", false)
	side.Choices = choices(sides...)
	status := strOpt("status", "Status (all: every status, resolved too)", false)
	status.Choices = choices(statusChoices...)
	subSide := strOpt("side", "Only claims made by this side", false)
	subSide.Choices = choices(sides...)
	subStatus := strOpt("status", "Only claims with this status", false)
	subStatus.Choices = choices(subscribeStatuses...)
	lang := strOpt("lang", "Language of the alerts", false)
	lang.Choices = choices("en", "es")
	minImp := &discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionInteger, Name: "importance",
		Description: "Least importance: 1 low, 2 normal, 3 high", MinValue: ptr(1.0), MaxValue: 3}
	url := strOpt("url", "Link to the confirmation (http or https)", true)
	url.MaxLength = 1000
	note := strOpt("note", "What confirmed it", false)
	note.MaxLength = 1000
	reason := strOpt("reason", "Why it is not a claim (kept for the engine's evaluation)", true)
	reason.MaxLength = 1000
	text := strOpt("text", "Words to look for, in English or Spanish", true)
	text.MaxLength = 200
	feed := strOpt("feed", "Feed name", false)
	feed.MaxLength = 100
	keyword := strOpt("keyword", "Only claims containing this word", false)
	keyword.MaxLength = 100
	cmdName := strOpt("command", "A command to explain", false)
	cmdName.Choices = choices("list", "show", "search", "feeds", "confirm", "dismiss", "mute", "subscribe", "unsubscribe", "digest")

	noDM := false
	return []*discordgo.ApplicationCommand{{
		Name:         CommandName,
		Description:  "Follow what one government says the other agreed to",
		DMPermission: &noDM,
		Options: []*discordgo.ApplicationCommandOption{
			sub("list", help(b, "list", "Open gaps"), status, side, feed, publicOpt()),
			sub("show", help(b, "show", "A claim's evidence"), idOpt(), publicOpt()),
			sub("search", help(b, "search", "Search items and claims"), text, publicOpt()),
			sub("feeds", help(b, "feeds", "Feed health"), publicOpt()),
			sub("confirm", help(b, "confirm", "Mark a claim confirmed"), idOpt(), url, note),
			sub("dismiss", help(b, "dismiss", "Dismiss a claim"), idOpt(), reason),
			sub("mute", help(b, "mute", "Mute a claim here"), idOpt()),
			sub("subscribe", help(b, "subscribe", "Subscribe this channel"), subSide, subStatus, feed, keyword, minImp, lang),
			sub("unsubscribe", help(b, "unsubscribe", "Unsubscribe this channel")),
			sub("digest", help(b, "digest", "Preview the digest"), publicOpt()),
			sub("help", help(b, "help", "The commands"), cmdName),
		},
	}}
}

func ptr[T any](v T) *T { return &v }

// Register overwrites the application's commands with cmds, globally
// (guildID "") or in one guild (instant, for testing). The overwrite is
// idempotent: registering the same commands again changes nothing.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string, cmds []*discordgo.ApplicationCommand) error {
	if appID == "" {
		return fmt.Errorf("discord: register commands: application ID missing")
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return classify("register commands", err)
	}
	return nil
}

// invocation is a slash command as the bot layer receives it.
type invocation struct {
	// sub is the subcommand's name.
	sub string
	// args are the bot command's arguments, each one word however it is
	// spelt (bot.CommandLine quotes them).
	args []string
	// public is the public:true option.
	public bool
}

// optionString returns an option's value as text.
func optionString(o *discordgo.ApplicationCommandInteractionDataOption) string {
	switch o.Type {
	case discordgo.ApplicationCommandOptionString:
		s, _ := o.Value.(string)
		return s
	case discordgo.ApplicationCommandOptionInteger, discordgo.ApplicationCommandOptionNumber:
		if f, ok := o.Value.(float64); ok {
			return strconv.FormatInt(int64(f), 10)
		}
	case discordgo.ApplicationCommandOptionBoolean:
		if b, ok := o.Value.(bool); ok {
			return strconv.FormatBool(b)
		}
	}
	return fmt.Sprint(o.Value)
}

// parseInvocation maps /gapwatch's subcommand and options to the bot
// command's arguments. Every option value becomes exactly one argument
// (or the value of one key:value filter), so no value can add arguments,
// flags or another command.
func parseInvocation(d discordgo.ApplicationCommandInteractionData) (invocation, error) {
	if d.Name != CommandName || len(d.Options) != 1 || d.Options[0].Type != discordgo.ApplicationCommandOptionSubCommand {
		return invocation{}, fmt.Errorf("unknown command %q", d.Name)
	}
	s := d.Options[0]
	inv := invocation{sub: s.Name}
	vals := map[string]string{}
	for _, o := range s.Options {
		if o.Name == "public" {
			inv.public = o.Type == discordgo.ApplicationCommandOptionBoolean && o.Value == true
			continue
		}
		vals[o.Name] = optionString(o)
	}
	get := func(name string) (string, bool) {
		v, ok := vals[name]
		return v, ok && strings.TrimSpace(v) != ""
	}
	add := func(names ...string) {
		for _, n := range names {
			if v, ok := get(n); ok {
				inv.args = append(inv.args, v)
			}
		}
	}
	switch s.Name {
	case "list":
		add("status", "side")
		if v, ok := get("feed"); ok {
			inv.args = append(inv.args, "feed:"+v)
		}
	case "show", "mute":
		add("id")
	case "search":
		add("text")
	case "confirm":
		add("id", "url", "note")
	case "dismiss":
		add("id", "reason")
	case "subscribe":
		for _, n := range []string{"side", "status", "feed", "keyword", "importance", "lang"} {
			if v, ok := get(n); ok {
				// One filter each; a comma would make several values of
				// the same filter, which is all a value can do.
				inv.args = append(inv.args, n+":"+v)
			}
		}
	case "help":
		add("command")
	case "feeds", "unsubscribe", "digest":
	default:
		return invocation{}, fmt.Errorf("unknown subcommand %q", s.Name)
	}
	return inv, nil
}

// text is the bot command line of an invocation.
func (inv invocation) text() string { return bot.CommandLine(inv.sub, inv.args...) }
