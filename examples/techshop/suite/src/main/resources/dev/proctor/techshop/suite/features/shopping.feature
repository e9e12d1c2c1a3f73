Feature: Shopping at TechShop

  @smoke
  Scenario: Searching the catalog
    Given I am on the catalog
    When I search for "audio"
    Then I see 2 products

  @critical
  Scenario: Adding a product to the cart
    When I add "phone-x" to the cart
    And I add "earbuds" to the cart
    Then the cart holds 2 items

  @smoke @critical @production
  Scenario: Signing in
    When I sign in as the shopper
    Then I am signed in

  @production
  Scenario Outline: Prices follow the region
    Given I visit the shop from region "<region>"
    Then prices are in "<currency>"

    Examples:
      | region | currency |
      | us     | USD      |
      | eu     | EUR      |
