// Validates PDF files against veraPDF's PDF/UA-1 profile, for devstack.pdf_ua.
// Usage: java -cp 'classes:libs/*' PdfUa1 FILE...
// Prints per file "file<TAB>path<TAB>compliant|failed", then per failed rule
// "rule<TAB>clause-test<TAB>failed checks<TAB>the rule's description<TAB>first place found".
// Exits 0 when every file is compliant, 1 when one is not, 2 on an error.
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.RuleId;

public final class PdfUa1 {
    public static void main(String[] args) {
        VeraGreenfieldFoundryProvider.initialise();
        boolean compliant = true;
        try {
            for (String path : args) {
                compliant &= validate(path);
            }
        } catch (Exception e) {
            System.err.println(e);
            System.exit(2);
        }
        System.exit(compliant ? 0 : 1);
    }

    private static boolean validate(String path) throws Exception {
        PDFAFlavour flavour = PDFAFlavour.PDFUA_1;
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new File(path), flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            System.out.println("file\t" + path + "\t" + (result.isCompliant() ? "compliant" : "failed"));
            Map<RuleId, String> firstPlace = new LinkedHashMap<>();
            Map<RuleId, String> description = new LinkedHashMap<>();
            for (TestAssertion assertion : result.getTestAssertions()) {
                if (assertion.getStatus() == TestAssertion.Status.FAILED) {
                    firstPlace.putIfAbsent(assertion.getRuleId(), assertion.getLocation().getContext());
                    description.putIfAbsent(assertion.getRuleId(), assertion.getMessage());
                }
            }
            for (Map.Entry<RuleId, Integer> failed : result.getFailedChecks().entrySet()) {
                RuleId rule = failed.getKey();
                System.out.println(String.join("\t", "rule",
                    rule.getClause() + "-" + rule.getTestNumber(), String.valueOf(failed.getValue()),
                    oneLine(description.get(rule)), oneLine(firstPlace.get(rule))));
            }
            return result.isCompliant();
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ");
    }
}
