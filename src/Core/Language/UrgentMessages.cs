using System.Text.RegularExpressions;
using VeerkrachtBot.Core.Language.Understanding;

namespace VeerkrachtBot.Core.Language;

/// <summary>What kind of help an urgent message needs.</summary>
public enum UrgentKind
{
    /// <summary>Danger now: fire, gas, someone unconscious, violence now (112).</summary>
    Emergency,

    /// <summary>Violence at home or child abuse (Veilig Thuis).</summary>
    Domestic,

    /// <summary>Thoughts of suicide or self-harm (113 Zelfmoordpreventie).</summary>
    SelfHarm,
}

/// <summary>An urgent or sensitive message: its kind and how sure the detector is (0.5–1).</summary>
/// <param name="Kind">What help it needs.</param>
/// <param name="Score">Certainty; the detector reports from 0.5 up.</param>
public sealed record UrgentSignal(UrgentKind Kind, double Score)
{
    /// <summary>The kind as data and the analyze command write it: <c>emergency</c>, <c>domestic</c> or <c>self-harm</c>.</summary>
    public string Code => Kind switch
    {
        UrgentKind.Emergency => "emergency",
        UrgentKind.Domestic => "domestic",
        _ => "self-harm",
    };

    /// <summary>The kind for a stored code; null for none or an unknown code.</summary>
    public static UrgentKind? FromCode(string? code) => code switch
    {
        "emergency" => UrgentKind.Emergency,
        "domestic" => UrgentKind.Domestic,
        "self-harm" => UrgentKind.SelfHarm,
        _ => null,
    };
}

/// <summary>
/// Finds messages about an emergency, violence at home or child abuse, or thoughts of suicide or self-harm, in Dutch
/// and English. The bot is not watched day and night, so such a message gets the right phone number at once. Recall
/// comes first (a missed emergency is worse than an extra pointer), but everyday words must not fire: "de brandweer
/// kwam oefenen", "de gasrekening", "doodmoe", "levensgevaarlijk kruispunt". Rules on the folded text: phrases that
/// mean danger (each with a weight), everyday phrases that are taken out first, and a past-tense dampener ("vorig jaar").
/// </summary>
public static partial class UrgentMessages
{
    private const double Threshold = 0.5;

    private static readonly (UrgentKind Kind, double Weight, Regex Pattern)[] Signals =
    [
        // Emergency: fire, gas, someone unconscious or hurt, violence or weapons now.
        (UrgentKind.Emergency, 0.9, R(@"\b(in brand|staat in de fik|in de fik|vlammen|het brandt|on fire|flames|rook komt (onder|uit)|rook uit (het|de|een)|smoke (is )?coming|brnad|brand (in|bij|op)|fire in|there is a fire|theres a fire)\b")),
        (UrgentKind.Emergency, 0.6, R(@"\bfire\b")),
        (UrgentKind.Emergency, 0.9, R(@"\b(ruik(en|t)? (naar )?gas|stinkt (heel erg )?naar gas|gaslucht|gas lucht|gaslek|gas lek|gas lekt|lekt gas|smell(s|ing)? (of )?gas|gas smell|gas leak|leaking gas)\b")),
        (UrgentKind.Emergency, 0.9, R(@"\b(bewusteloos|buiten bewustzijn|reageert niet meer|ligt .{0,30}reageert niet|in elkaar gezakt|ademt niet|niet meer ademen|geen hartslag|(heeft|krijgt) (nu )?een hartaanval|unconscious|collapsed|not breathing|isnt breathing|no pulse|(having|has) a heart attack)\b")),
        (UrgentKind.Emergency, 0.9, R(@"\b(in elkaar geslagen|wordt (iemand )?geslagen op straat|being beaten|beaten up|beating (him|her|someone)|steekpartij|(is|werd|wordt|word) (iemand )?(neer)?gestoken|neergestoken|stabbed|stabbing|met een mes|with a knife|a knife|mes op straat|geschoten|schoten|schietpartij|wordt geschoten|shots fired|shooting|gunshots?|pistool|vuurwapen|with a gun|a gun|overval|robbery|being robbed)\b")),
        (UrgentKind.Emergency, 0.9, R(@"\b(inbreker (in|nu|zit)|inbrekers (in|nu)|breaking in( right)? now|broke into .{0,30}still (inside|there)|still inside)\b")),
        (UrgentKind.Emergency, 0.8, R(@"\b((kind|iemand|een man|een vrouw|fietser|meisje|jongen|child|someone|a man|a woman|kid) (is |was )?(aangereden|hit by a car|run over))\b")),
        (UrgentKind.Emergency, 0.9, R(@"\b(ongeluk|accident).{0,40}\b(bloed|bloedt|gewond|bleeding|injured|hurt)\b")),
        (UrgentKind.Emergency, 0.3, R(@"\b(help|hulp|snel|kom snel|nu|now|right now|please help)\b")),

        // Domestic: violence at home, child abuse, control.
        (UrgentKind.Domestic, 0.9, R(@"\b(mijn|mn|m'n|my) (man|vriend|partner|vader|moeder|zoon|dochter|ex|broer|husband|boyfriend|father|dad|mother|mum|mom|son|brother|stepfather|stiefvader)\b.{0,25}\b(slaat|sloeg|schopt|duwt|mishandelt|bedreigt|wurgt|hits|hit|beats|kicks|threatens|chokes|hurts)\b")),
        (UrgentKind.Domestic, 0.9, R(@"\b(slaat|sloeg|hits|beats) (me|mij|ons|mn|mijn|de kinderen)\b")),
        (UrgentKind.Domestic, 0.9, R(@"\b(ik word|ik ben|i am|im|i was|i get) (thuis )?(geslagen|mishandeld|misbruikt|aangerand|verkracht|abused|raped|beaten)\b")),
        (UrgentKind.Domestic, 0.9, R(@"\b(huiselijk geweld|geweld thuis|thuis is er geweld|thuis geweld|domestic violence|violence at home|kindermishandeling|child abuse|seksueel misbruik|sexual abuse|verkrachting|verkracht|raped|aangerand)\b")),
        (UrgentKind.Domestic, 0.9, R(@"\b(mishandeld|misbruikt|abused|being hit)\b")),
        (UrgentKind.Domestic, 0.9, R(@"\b(slaan|slaat|sloegen|hitting|beating|beat) (hun|de|het|their|the|his|her) (kind|kinderen|kids|children|child|baby)\b|\b(kind|child|baby) (wordt|is being) (geslagen|hit|beaten)\b|\bwordt een kind geslagen\b")),
        (UrgentKind.Domestic, 0.8, R(@"\b(bang voor (mijn|mn) (man|partner|vriend|vader|ex)|scared of my (husband|partner|boyfriend|father|dad|ex)|afraid of my (husband|partner|boyfriend|father|dad|ex)|bang om naar huis te gaan|scared to go home)\b")),
        (UrgentKind.Domestic, 0.7, R(@"\b(niet naar buiten van (mijn|mn) man|mag van (mijn|mn) (man|partner|vriend) niet|sluit me op|locks me (in|up)|wont let me leave|won't let me leave|let me leave the house|stalkt me|stalks me|staat elke dag voor de deur)\b")),

        // Self-harm and suicide, also about someone else.
        (UrgentKind.SelfHarm, 0.95, R(@"\b(zelfmoord|zelfdoding|suicide|suicidaal|suicidal|zelfmoordgedachten)\b")),
        (UrgentKind.SelfHarm, 0.95, R(@"\b(wil (niet meer leven|dood|er niet meer zijn|mezelf iets aandoen)|niet meer willen leven|einde? aan (mijn leven )?maken|eind aan mijn leven|van kant maken|mezelf (iets aan ?doen|snijden|pijn doen)|snijd mezelf|snij mezelf|zichzelf van kant|nooit meer wakker worden|beter af zonder mij|geen zin meer in (het |mijn )?leven)\b")),
        (UrgentKind.SelfHarm, 0.95, R(@"\b(want to die|wanna die|(dont|don't|do not) want to live( anymore| any more)?(?! (in|like|with|next|near))|kill myself|killing myself|hurt myself|hurting myself|cut myself|cutting myself|end it all|end my life|better off without me|self harm|selfharm)\b")),
        (UrgentKind.SelfHarm, 0.6, R(@"\b(zie het niet meer zitten|het hoeft voor mij niet meer|ik kan niet meer verder|ik wil niet meer)\b")),
    ];

    // "brand" alone is fire in Dutch, but a make in English ("my medicine brand").
    private static readonly Regex BareFire = R(@"\bbrand\b");
    private const double BareFireWeight = 0.6;

    // Everyday phrases with the same words, taken out before the signals are read.
    private static readonly Regex Everyday = R(@"\b(brandweer\w*|brandgang\w*|brandnetel\w*|brandende? \w+|brandalarm test|fire (brigade|department|station|drill|alarm test|fighters?)|playing with fire|spelen met vuur|met vuur spelen|vuurwerk \w+|suicide squad|schiet (eens )?op|schoot de bal|sloeg het record|slaat nergens op|de klok slaat|slaat de deur|slaat deur|met messen|messen slijpen|kill the noise|killing me|dying (for|to)|dood (van|moe|saai|gelachen|schamen)|doodmoe|me dood|dodelijk saai|levensgevaarlijk\w*|gasrekening\w*|gas geven|gaf gas|gasprijs\w*|gasfornuis\w*|kook op gas|fire works|fireworks|bijna \w+( \w+)? aangereden|bang voor brand|gevaarlijk voor brand|brandgevaar\w*|(kans|risico) op brand|if there('?s| is) a fire|in case of (a )?fire)\b");

    private static readonly Regex Past = R(@"\b(vroeger|vorig jaar|vorige (maand|week)|afgelopen (week|maand|jaar)|gisteren|gisteravond|eergisteren|jaren geleden|lang geleden|last (year|month|week|night)|yesterday|years ago|ago|toen)\b");
    private static readonly Regex Now = R(@"\b(nu|right now|snel|help)\b");

    /// <summary>The urgent signal of a message, or null when it is not urgent.</summary>
    public static UrgentSignal? Detect(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = string.Join(' ', TypedWords.Of(text).Words);
        var cleaned = Everyday.Replace(folded, " ");

        // "brand" is fire in Dutch and a make in English ("my medicine brand").
        var english = LanguageDetector.Detect(text) == LanguageDetector.English;
        var damp = Past.IsMatch(cleaned) && !Now.IsMatch(cleaned) && !text.Contains('!', StringComparison.Ordinal) ? 0.5 : 1.0;

        UrgentSignal? best = null;
        foreach (var kind in new[] { UrgentKind.SelfHarm, UrgentKind.Domestic, UrgentKind.Emergency })
        {
            var missed = 1.0;
            var strong = false;
            if (kind == UrgentKind.Emergency && !english && BareFire.IsMatch(cleaned))
            {
                missed *= 1 - BareFireWeight;
                strong = true;
            }

            foreach (var (signalKind, weight, pattern) in Signals)
            {
                if (signalKind == kind && pattern.IsMatch(cleaned))
                {
                    missed *= 1 - weight;
                    strong |= weight >= Threshold;
                }
            }

            // Weak words ("help", "nu") never fire alone: only with a signal of the kind.
            var score = strong ? Math.Round((1 - missed) * damp, 3) : 0;
            if (score >= Threshold && (best is null || score > best.Score))
            {
                best = new UrgentSignal(kind, score);
            }
        }

        return best;
    }

    // No match timeout: a timeout would make the answer depend on how busy the machine is. The patterns have no nested
    // quantifiers and gaps are bounded (".{0,40}"), and the bot reads at most 2,000 characters.
    private static Regex R(string pattern) => new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled);
}
