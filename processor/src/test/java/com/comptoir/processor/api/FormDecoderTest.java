package com.comptoir.processor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link FormDecoder} on its own: the tree it builds and the input it refuses. */
class FormDecoderTest {

  private static StripeError refusal(String raw) {
    try {
      FormDecoder.decode(raw);
    } catch (StripeError e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).doesNotContainPattern("java|URLDecoder|Exception");
      return e;
    }
    throw new AssertionError("accepted: " + raw);
  }

  @Test
  void nothingDecodesToNothing() {
    assertThat(FormDecoder.decode(null)).isEmpty();
    assertThat(FormDecoder.decode("")).isEmpty();
    assertThat(FormDecoder.decode("&&&")).isEmpty();
  }

  @Test
  void scalarsNestedHashesAndLists() {
    Map<String, Object> tree = FormDecoder.decode("a=1&b[c][d]=2&e[]=x&e[]=y&f[1]=q&f[0]=p");
    assertThat(tree).containsEntry("a", "1");
    assertThat(tree.get("b")).isEqualTo(Map.of("c", Map.of("d", "2")));
    assertThat(tree.get("e")).isEqualTo(List.of("x", "y"));
    // x[N] stays a map keyed by index: the shape decides whether it is an array or a hash
    assertThat(tree.get("f")).isEqualTo(Map.of("0", "p", "1", "q"));
  }

  @Test
  void arraysOfHashesNeedExplicitIndexes() {
    Map<String, Object> tree = FormDecoder.decode("items[0][price]=p1&items[0][quantity]=2&items[1][price]=p2");
    assertThat(tree.get("items")).isEqualTo(Map.of("0", Map.of("price", "p1", "quantity", "2"), "1", Map.of("price", "p2")));
    assertThat(refusal("items[][price]=p1").param()).isEqualTo("items[]");
  }

  @Test
  void aKeyWithoutValueIsTheEmptyStringAndEqualsSignsInValuesAreKept() {
    Map<String, Object> tree = FormDecoder.decode("a&b=&c=x=y");
    assertThat(tree).containsEntry("a", "").containsEntry("b", "").containsEntry("c", "x=y");
  }

  @Test
  void aRepeatedScalarKeepsTheLastValue() {
    assertThat(FormDecoder.decode("email=a&email=b")).containsEntry("email", "b");
  }

  @Test
  void percentEscapesPlusAndUnicodeAreDecoded() {
    Map<String, Object> tree = FormDecoder.decode("m%5Bk%5D=a+b%20c&n=%E2%82%AC&%6F=o");
    assertThat(tree.get("m")).isEqualTo(Map.of("k", "a b c"));
    assertThat(tree).containsEntry("n", "€").containsEntry("o", "o");
  }

  @Test
  void malformedPercentEscapesAreRefusedWithoutNamingJava() {
    for (String raw : List.of("a=%", "a=%z", "a=%zz", "%=1", "a=%%", "a=%u20AC", "a[%G0]=1")) {
      assertThat(refusal(raw).getMessage()).as(raw).startsWith("Invalid URL encoding in the request");
    }
  }

  @Test
  void nulIsRefusedInNamesAndValues() {
    assertThat(refusal("metadata[k]=a%00b").param()).isEqualTo("metadata[k]");
    assertThat(refusal("metadata[%00]=v").param()).isEqualTo("metadata[%00]");
    assertThat(refusal("email=\u0000").param()).isEqualTo("email");
  }

  @Test
  void aValueAndAHashOrListUnderOneNameConflictInEitherOrder() {
    assertThat(refusal("a=1&a[b]=2").param()).isEqualTo("a");
    assertThat(refusal("a[b]=2&a=1").param()).isEqualTo("a");
    assertThat(refusal("a[]=1&a[0]=2").param()).isEqualTo("a");
    assertThat(refusal("a[0]=1&a[]=2").param()).isEqualTo("a");
    assertThat(refusal("a[b]=1&a[b][c]=2").param()).isEqualTo("a[b]");
    assertThat(refusal("a[b][c]=1&a[b]=2").param()).isEqualTo("a[b]");
  }

  @Test
  void malformedNamesAreRefused() {
    for (String raw : List.of("=1", "[a]=1", "a[=1", "a[b=1", "a[b]c=1", "a[b]]=1", "a[[b]]=1", "a[b][=1")) {
      refusal(raw);
    }
    // a lone closing bracket is part of a name, and so an unknown parameter later
    assertThat(FormDecoder.decode("a]=1")).containsEntry("a]", "1");
  }

  @Test
  void nestingIsBounded() {
    FormDecoder.decode("a" + "[b]".repeat(FormDecoder.MAX_DEPTH - 1) + "=1");
    assertThat(refusal("a" + "[b]".repeat(FormDecoder.MAX_DEPTH) + "=1").getMessage()).contains("nested too deeply");
  }

  @Test
  void theNumberOfPairsIsBounded() {
    String atLimit = IntStream.range(0, FormDecoder.MAX_PAIRS).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"));
    assertThat(FormDecoder.decode(atLimit)).hasSize(FormDecoder.MAX_PAIRS);
    assertThat(refusal(atLimit + "&one=more").getMessage()).contains("Too many parameters");
  }

  @Test
  void parseKeySplitsBrackets() {
    assertThat(FormDecoder.parseKey("a")).containsExactly("a");
    assertThat(FormDecoder.parseKey("a[b][0][]")).containsExactly("a", "b", "0", "");
    assertThat(FormDecoder.parseKey("a[]")).containsExactly("a", "");
    assertThat(FormDecoder.parseKey("a[ x ]")).containsExactly("a", " x ");
  }

  @Test
  void hugeIndexesAreKeptAsTextForTheShapeToJudge() {
    Map<String, Object> tree = FormDecoder.decode("expand[99999999999999999999]=a");
    assertThat(tree.get("expand")).isEqualTo(Map.of("99999999999999999999", "a"));
  }
}
