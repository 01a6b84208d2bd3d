/**
 * The ECS domain model as records whose JSON form is the ECS wire form (AWS JSON 1.1, botocore's model):
 * absent members are {@code null} and left out of the JSON.
 */
package dev.localecs.api.model;
