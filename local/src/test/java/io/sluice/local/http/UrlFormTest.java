package io.sluice.local.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlFormTest {
    @Test
    void fieldsKeepOnlyNamedValuesAndTheLastOfARepeatedName() {
        assertEquals(
                Map.of("Action", "GetMetricData", "Id", "b c"),
                UrlForm.fields("Action=GetMetricData&Id=a&Id=b+c&flag&=x"));
        assertEquals(Map.of(), UrlForm.fields(null));
    }

    @Test
    void queryReadsAsApiGatewayDoesValuelessAsEmptyRepeatsJoinedWithCommas() {
        assertEquals(Map.of("type", "a,b", "verbose", "", "q", "x y"), UrlForm.query("type=a&type=b&verbose&q=x%20y"));
        assertEquals(Map.of(), UrlForm.query(""));
    }
}
