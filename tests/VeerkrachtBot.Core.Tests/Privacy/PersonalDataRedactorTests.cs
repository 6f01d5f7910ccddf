using VeerkrachtBot.Core.Privacy;

namespace VeerkrachtBot.Core.Tests.Privacy;

public sealed class PersonalDataRedactorTests
{
    [Theory]
    // e-mail
    [InlineData("mail me op jan.jansen+wijk@gmail.com graag", "mail me op [e-mail] graag", PersonalDataKind.Email)]
    [InlineData("You can reach me at s.el-amrani@outlook.nl.", "You can reach me at [e-mail].", PersonalDataKind.Email)]
    // phone
    [InlineData("bel me 06-12345678", "bel me [telefoon]", PersonalDataKind.Phone)]
    [InlineData("mijn nummer is 06 1234 5678!", "mijn nummer is [telefoon]!", PersonalDataKind.Phone)]
    [InlineData("call +31 6 23456789 after 5", "call [telefoon] after 5", PersonalDataKind.Phone)]
    [InlineData("vaste lijn (043) 321 45 67", "vaste lijn [telefoon]", PersonalDataKind.Phone)]
    [InlineData("whatsapp 0031 6 12 34 56 78", "whatsapp [telefoon]", PersonalDataKind.Phone)]
    [InlineData("tel:0433214567", "tel:[telefoon]", PersonalDataKind.Phone)]
    // postcode with house number
    [InlineData("ik woon op 6222 AB 12 in Pottenberg", "ik woon op [adres] in Pottenberg", PersonalDataKind.PostcodeAddress)]
    [InlineData("adres: 6214AC, nr 3a", "adres: [adres]", PersonalDataKind.PostcodeAddress)]
    [InlineData("my postcode is 6222ab", "my postcode is [adres]", PersonalDataKind.PostcodeAddress)]
    // street with number
    [InlineData("lekkage op de Brusselsestraat 12 bij de hoek", "lekkage op de [adres] bij de hoek", PersonalDataKind.StreetAddress)]
    [InlineData("I live at akersteenweg 101a", "I live at [adres]", PersonalDataKind.StreetAddress)]
    [InlineData("Koning Clovisstraat 3-B heeft schimmel", "[adres] heeft schimmel", PersonalDataKind.StreetAddress)]
    // IBAN (valid checksum)
    [InlineData("maak het over op NL91 ABNA 0417 1643 00 aub", "maak het over op [rekeningnummer] aub", PersonalDataKind.Iban)]
    [InlineData("IBAN NL91ABNA0417164300", "IBAN [rekeningnummer]", PersonalDataKind.Iban)]
    // BSN (passes the eleven test)
    [InlineData("mijn bsn is 123456782", "mijn bsn is [bsn]", PersonalDataKind.Bsn)]
    [InlineData("BSN: 1112.22.333", "BSN: [bsn]", PersonalDataKind.Bsn)]
    // licence plates
    [InlineData("de auto met kenteken XX-123-Y staat er elke dag", "de auto met kenteken [kenteken] staat er elke dag", PersonalDataKind.LicencePlate)]
    [InlineData("a van 12-ABC-3 blocks the exit", "a van [kenteken] blocks the exit", PersonalDataKind.LicencePlate)]
    [InlineData("kenteken 1-KBB-23", "kenteken [kenteken]", PersonalDataKind.LicencePlate)]
    // names introduced as such
    [InlineData("mijn buurman Jan de Vries maakt herrie", "mijn buurman [naam] maakt herrie", PersonalDataKind.Name)]
    [InlineData("buurvrouw Fatima helpt iedereen", "buurvrouw Fatima helpt iedereen", null)]
    [InlineData("mijn buurvrouw Fatima helpt iedereen", "mijn buurvrouw [naam] helpt iedereen", PersonalDataKind.Name)]
    [InlineData("Hoi, ik heet Anna van der Berg", "Hoi, ik heet [naam]", PersonalDataKind.Name)]
    [InlineData("my neighbour John Smith plays loud music", "my neighbour [naam] plays loud music", PersonalDataKind.Name)]
    [InlineData("My name is Sara and I live here", "My name is [naam] and I live here", PersonalDataKind.Name)]
    // names under a sign-off (a poll comment quoted in a digest must not carry them)
    [InlineData("Te weinig schaduw. Groet, Britt Bosch, [telefoon]", "Te weinig schaduw. Groet, [naam], [telefoon]", PersonalDataKind.Name)]
    [InlineData("Graag meer bankjes! Met vriendelijke groet, Piet van den Berg", "Graag meer bankjes! Met vriendelijke groet, [naam]", PersonalDataKind.Name)]
    [InlineData("groetjes Fatima", "groetjes [naam]", PersonalDataKind.Name)]
    [InlineData("Kind regards, John Smith", "Kind regards, [naam]", PersonalDataKind.Name)]
    [InlineData("Groeten uit Pottenberg", "Groeten uit Pottenberg", null)]
    public void Redact_RemovesPersonalData(string input, string expected, PersonalDataKind? kind)
    {
        var result = PersonalDataRedactor.Redact(input);

        Assert.Equal(expected, result.Text);
        if (kind is { } k)
        {
            Assert.Contains(result.Found, f => f.Kind == k);
        }
    }

    [Theory]
    // dates, times, amounts, counts, years: not personal data
    [InlineData("op 12-11-2026 om 19:30 is de bijeenkomst")]
    [InlineData("de huur is € 712,50 per maand, 3 keer verhoogd sinds 2019")]
    [InlineData("in 2024 en 2025 is er niks gebeurd")]
    [InlineData("we waren met 1000 km/u aan het racen haha")]
    [InlineData("the bus was 45 minutes late on 03/12")]
    // a house number without a street, streets without numbers, words that end like streets
    [InlineData("nummer 12 heeft weer een feest")]
    [InlineData("de Brusselsestraat is een racebaan")]
    [InlineData("het fietspad 2 keer per week vol glas")]
    [InlineData("ik ben 2 weken weg")]
    // numbers that fail their checks
    [InlineData("bestelnummer 123456789")]
    [InlineData("referentie NL91ABNA0417164301 klopt niet")]
    // words that follow "mijn buurman" but are not names
    [InlineData("mijn buurman is heel aardig")]
    [InlineData("my neighbour has a dog")]
    [InlineData("Ik ben blij met het park")]
    public void Redact_LeavesNearMissesAlone(string input)
    {
        var result = PersonalDataRedactor.Redact(input);

        Assert.Equal(input, result.Text);
        Assert.Empty(result.Found);
    }

    [Fact]
    public void Redact_SeveralKindsInOneMessage()
    {
        var result = PersonalDataRedactor.Redact("Mijn buurman Piet (06-87654321, piet@example.nl) parkeert zijn auto AB-12-CD op de Heer Hugostraat 45.");

        Assert.Equal("Mijn buurman [naam] ([telefoon], [e-mail]) parkeert zijn auto [kenteken] op de [adres].", result.Text);
        Assert.Equal(5, result.Found.Count);
    }

    [Theory]
    [InlineData("123456782", true)]
    [InlineData("111222333", true)]
    [InlineData("123456789", false)]
    [InlineData("000000000", false)]
    public void Bsn_ElevenTest(string bsn, bool valid) => Assert.Equal(valid, PersonalDataRedactor.IsValidBsn(bsn));

    [Theory]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("NL20 INGB 0001 2345 67", true)]
    [InlineData("NL91ABNA0417164301", false)]
    [InlineData("GB82WEST12345698765432", true)]
    public void Iban_Mod97(string iban, bool valid) => Assert.Equal(valid, PersonalDataRedactor.IsValidIban(iban));

    [Fact]
    public void Redact_HostileOrOddText_DoesNotThrow()
    {
        foreach (var text in new[] { "", " ", new string('0', 100_000), "\u0000\uFFFF\uD800", "<script>alert('x')</script> 06-12345678", string.Concat(Enumerable.Repeat("mijn buurman ", 5000)) })
        {
            var result = PersonalDataRedactor.Redact(text);
            Assert.NotNull(result.Text);
        }
    }
}
