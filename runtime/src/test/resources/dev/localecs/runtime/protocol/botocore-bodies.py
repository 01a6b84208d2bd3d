"""Prints, one JSON line per ECS operation, the body botocore (AWS CLI, boto3) sends for a request with every
member set at every depth: {"operation": ..., "body": ...}."""
import datetime
import json

import botocore.serialize
import botocore.session


def value(shape, seen):
    kind = shape.type_name
    if kind == 'structure':
        if shape.name in seen:
            return {}
        seen = seen | {shape.name}
        return {name: value(member, seen) for name, member in shape.members.items()}
    if kind == 'list':
        return [value(shape.member, seen)]
    if kind == 'map':
        return {'k': value(shape.value, seen)}
    if kind == 'string':
        return shape.enum[0] if shape.enum else 'text'
    if kind in ('integer', 'long'):
        return 3
    if kind in ('double', 'float'):
        return 0.5
    if kind == 'boolean':
        return True
    if kind == 'timestamp':
        return datetime.datetime(2026, 11, 30, 5, 0, 0, 250000, tzinfo=datetime.timezone.utc)
    if kind == 'blob':
        return b'bytes'
    raise ValueError('unexpected shape type ' + kind)


model = botocore.session.get_session().get_service_model('ecs')
serializer = botocore.serialize.create_serializer('json')
for name in model.operation_names:
    operation = model.operation_model(name)
    params = value(operation.input_shape, frozenset()) if operation.input_shape else {}
    request = serializer.serialize_to_request(params, operation)
    body = request['body'].decode('utf-8') if request['body'] else '{}'
    print(json.dumps({'operation': name, 'body': json.loads(body)}))
